package io.budgetmonitor.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files, which the route matrix cannot enumerate (static resources have no handler
 * mapping): the page itself only for someone signed in, its scripts and the chart library for anyone.
 */
class DashboardPageTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStrangerIsSentToTheLoginFormAndASignedInViewerGetsThePage() throws Exception {
        for (String page : new String[] {"/", "/index.html"}) {
            HttpResponse<String> stranger = send(request(page).header("Accept", "text/html,*/*;q=0.8"));
            assertThat(stranger.statusCode()).as(page).isEqualTo(302);
            assertThat(stranger.headers().firstValue("Location").orElseThrow()).endsWith("/login");

            HttpResponse<String> viewer = send(request(page).header("Authorization", Http.basic("viewer")));
            assertThat(viewer.statusCode()).as(page).isEqualTo(200);
            assertThat(viewer.body()).contains("<html").contains("/dashboard/app.js");
        }
        assertThat(send(request("/")).statusCode())
                .as("an API client without credentials")
                .isEqualTo(401);
    }

    @Test
    void scriptsStylesAndTheChartLibraryAreServedFromTheJarToAnyone() throws Exception {
        String page =
                send(request("/").header("Authorization", Http.basic("viewer"))).body();
        for (String asset : new String[] {
            "/dashboard/app.js",
            "/dashboard/api.js",
            "/dashboard/live.js",
            "/dashboard/format.js",
            "/dashboard/i18n.js",
            "/dashboard/views.js",
            "/dashboard/charts.js",
            "/dashboard/dashboard.css",
            "/webjars/echarts/5.3.1/dist/echarts.min.js"
        }) {
            HttpResponse<String> response = send(request(asset));
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotBlank();
        }
        assertThat(page).contains("/webjars/echarts/5.3.1/dist/echarts.min.js").doesNotContain("://");
    }

    @Test
    void thePageLearnsWhoIsSignedInAndWhetherItMayAcknowledge() {
        Http.Response viewer = Http.as("viewer-bysj").get(baseUrl() + "/api/v1/me");
        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.body().path("name").asText()).isEqualTo("viewer-bysj");
        assertThat(viewer.body().path("roles").toString()).isEqualTo("[\"VIEWER\"]");
        assertThat(viewer.body().path("departments").toString()).isEqualTo("[\"BY-SJ\"]");
        assertThat(viewer.body().path("mayAcknowledge").asBoolean()).isFalse();
        Http.Response office = Http.as("budget-office").get(baseUrl() + "/api/v1/me");
        assertThat(office.body().path("departments").toString()).isEqualTo("[\"*\"]");
        assertThat(office.body().path("mayAcknowledge").asBoolean()).isTrue();
        assertThat(Http.as("admin")
                        .get(baseUrl() + "/api/v1/me")
                        .body()
                        .path("mayAcknowledge")
                        .asBoolean())
                .isTrue();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
