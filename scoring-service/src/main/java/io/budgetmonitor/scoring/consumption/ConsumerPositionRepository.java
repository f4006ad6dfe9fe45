package io.budgetmonitor.scoring.consumption;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** 已应用位置: the highest event-log position applied, written with the input change it reflects. */
@Repository
public class ConsumerPositionRepository {

    private final JdbcTemplate jdbc;

    public ConsumerPositionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long position() {
        Long position = jdbc.queryForObject("SELECT position FROM consumer_position WHERE id = 1", Long.class);
        return position == null ? 0 : position;
    }

    void advance(long position) {
        jdbc.update("UPDATE consumer_position SET position = GREATEST(position, ?) WHERE id = 1", position);
    }
}
