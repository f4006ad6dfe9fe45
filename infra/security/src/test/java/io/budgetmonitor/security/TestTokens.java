package io.budgetmonitor.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A test identity provider: an RSA key whose public half is served as a JWK set over real HTTP on the
 * loopback address, and tokens signed with it (or, to test refusals, with another key, another issuer
 * or an expiry in the past).
 */
public final class TestTokens implements AutoCloseable {

    public static final String ISSUER = "https://idp.budget-monitor.test/realms/finance";

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;

    public TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException failed) {
            throw new IllegalStateException(failed);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    public String jwkSetUri() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/jwks.json";
    }

    public String token(String user, List<String> roles, List<String> departments) {
        return sign(key, ISSUER, user, roles, departments, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String expiredToken(String user, List<String> roles, List<String> departments) {
        return sign(key, ISSUER, user, roles, departments, Instant.now().minus(Duration.ofMinutes(10)));
    }

    public String tokenSignedByAnotherKey(String user, List<String> roles, List<String> departments) {
        return sign(otherKey, ISSUER, user, roles, departments, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String tokenFromAnotherIssuer(String user, List<String> roles, List<String> departments) {
        return sign(
                key,
                "https://evil.example/realms/finance",
                user,
                roles,
                departments,
                Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static String sign(
            RSAKey signingKey,
            String issuer,
            String user,
            List<String> roles,
            List<String> departments,
            Instant expires) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject("id-" + user)
                    .claim("preferred_username", user)
                    .claim("roles", roles)
                    .claim("departments", departments)
                    .issueTime(Date.from(expires.minus(Duration.ofMinutes(15))))
                    .expirationTime(Date.from(expires))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
