package io.omnicase.process.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A response whose body is kept to be rewritten when it is the kind asked for (decided when the body starts, from the
 * status and headers set by then: an error, an HTML page); any other body goes straight through. A kept body larger than
 * the limit is not one to rewrite: it goes out as it was written. The length of a kept body is the rewriter's to set.
 */
final class BodyCapture extends HttpServletResponseWrapper {

    private final HttpServletResponse original;
    private final Predicate<HttpServletResponse> keep;
    private final int limit;
    private ByteArrayOutputStream kept;
    private ServletOutputStream keptStream;
    private PrintWriter keptWriter;
    private boolean overflowed;

    BodyCapture(HttpServletResponse response, Predicate<HttpServletResponse> keep, int limit) {
        super(response);
        this.original = response;
        this.keep = keep;
        this.limit = limit;
    }

    private boolean keeping() {
        return kept != null || !isCommitted() && keep.test(this);
    }

    /** The kept body, or null when none was kept (another kind, or larger than the limit and already sent). */
    byte[] body() {
        if (kept == null || overflowed) {
            return null;
        }
        if (keptWriter != null) {
            keptWriter.flush();
        }
        return kept.toByteArray();
    }

    /** Sends a (rewritten) body in place of the kept one. */
    void send(byte[] body) throws IOException {
        original.setContentLength(body.length);
        original.getOutputStream().write(body);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!keeping()) {
            return super.getOutputStream();
        }
        if (keptStream == null) {
            kept = kept == null ? new ByteArrayOutputStream() : kept;
            keptStream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (!overflowed && kept.size() + length > limit) {
                        overflowed = true;
                        original.getOutputStream().write(kept.toByteArray());
                    }
                    if (overflowed) {
                        original.getOutputStream().write(bytes, offset, length);
                    } else {
                        kept.write(bytes, offset, length);
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
        return keptStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (!keeping()) {
            return super.getWriter();
        }
        if (keptWriter == null) {
            keptWriter = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
        }
        return keptWriter;
    }

    @Override
    public void setContentLength(int length) {
        if (!keeping()) {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!keeping()) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!(keeping() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!(keeping() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!keeping()) {
            super.flushBuffer();
        }
    }
}
