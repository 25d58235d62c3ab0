package io.omnicase.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies above a limit. A declared length above it is refused before anything reads the body; a body
 * of unknown length (chunked) is counted while it is read and reading stops at the limit, so a client streaming
 * 20 MB never gets more than the limit read. Camunda's engine API (the webapps' and {@code /engine-rest}) has a smaller
 * limit of its own: its bodies are queries and task changes, and one query of a million ids would fill the heap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long apiMaxBytes;
    private final long engineMaxBytes;

    RequestSizeLimit(@Value("${omnicase.api.max-request-bytes:1048576}") long apiMaxBytes,
                     @Value("${omnicase.engine.max-request-bytes:65536}") long engineMaxBytes) {
        this.apiMaxBytes = apiMaxBytes;
        this.engineMaxBytes = engineMaxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The designer's model bodies have their own, larger limit (process.web.DesignerRequestLimit).
        return request.getRequestURI().startsWith("/api/designer/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long maxBytes = path.startsWith("/camunda/") || path.startsWith("/engine-rest/") ? engineMaxBytes : apiMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(response, request.getRequestURI(), maxBytes);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            // A reader that let the overflow escape (rather than Spring MVC, which answers it in ProblemHandling).
            if (limited.exceeded() && !response.isCommitted()) {
                response.reset();
                tooLarge(response, request.getRequestURI(), maxBytes);
                return;
            }
            throw e;
        }
    }

    static void tooLarge(HttpServletResponse response, String uri, long maxBytes) throws IOException {
        // Closing the connection tells the client to stop sending; the server does not drain the rest.
        response.setHeader("Connection", "close");
        Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes", uri);
    }

    /** Thrown by a body stream when the limit is crossed; answered as 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private LimitedStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        boolean exceeded() {
            return stream != null && stream.exceeded;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;
        private boolean exceeded;

        LimitedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit: enough to see it crossed, not to read on.
            long room = maxBytes - read + 1;
            int n = in.read(buffer, offset, (int) Math.min(length, Math.max(room, 1)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                exceeded = true;
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
