package io.budgetmonitor.query.alerts;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An emitter without a socket: records the transition ids it is sent, and each send with the thread that made it. */
class RecordingEmitter extends SseEmitter {
    private static final Pattern ID = Pattern.compile("id:(\\d+)");
    final List<Long> ids = new CopyOnWriteArrayList<>();
    /** "thread-name text" per send, in order. */
    final List<String> sends = new CopyOnWriteArrayList<>();

    RecordingEmitter() {
        super(0L);
    }

    @Override
    public void send(SseEventBuilder builder) throws IOException {
        StringBuilder text = new StringBuilder();
        builder.build().forEach(part -> text.append(part.getData()));
        sends.add(Thread.currentThread().getName() + " " + text.toString().trim());
        Matcher id = ID.matcher(text);
        if (id.find()) {
            ids.add(Long.parseLong(id.group(1)));
        }
    }
}
