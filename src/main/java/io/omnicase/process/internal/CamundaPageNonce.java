package io.omnicase.process.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cockpit, Tasklist and Admin load their scripts under a Content-Security-Policy with a nonce. Camunda 7 keeps the
 * nonce of the latest answer on the servlet context, where the policy header puts it and the index page reads it
 * back, so two pages opened at the same moment can get each other's nonce: the browser then refuses every script and
 * the page stays blank (a page walk with four users saw 3 of 16 loads blank). Here an index page's nonces are set to
 * the one its own header names.
 */
@Configuration(proxyBeanMethods = false)
class CamundaPageNonce {

    private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");
    private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"[^\"]*\"");
    private static final int MAX_PAGE = 256 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> camundaPagesKeepTheirOwnNonce() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new PageNonce());
        registration.addUrlPatterns("/camunda/app/*");
        // Before Camunda's header filter, so that the policy header is on the response when the page is finished.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static final class PageNonce extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"GET".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            HtmlCapture capture = new HtmlCapture(response);
            chain.doFilter(request, capture);
            capture.finish();
        }
    }

    /** Keeps an HTML answer to set its nonces; every other answer passes through as it is written. */
    private static final class HtmlCapture extends HttpServletResponseWrapper {

        private final HttpServletResponse original;
        private ByteArrayOutputStream page;
        private ServletOutputStream pageStream;
        private PrintWriter pageWriter;
        private boolean tooLarge;

        HtmlCapture(HttpServletResponse response) {
            super(response);
            this.original = response;
        }

        private boolean html() {
            String type = getContentType();
            return page != null || type != null && type.toLowerCase().startsWith("text/html") && !isCommitted();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!html()) {
                return super.getOutputStream();
            }
            if (pageStream == null) {
                page = page == null ? new ByteArrayOutputStream() : page;
                pageStream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[]{(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        if (!tooLarge && page.size() + length > MAX_PAGE) {
                            // Not an index page: what is kept goes out as it is, and the rest follows directly.
                            tooLarge = true;
                            original.getOutputStream().write(page.toByteArray());
                        }
                        if (tooLarge) {
                            original.getOutputStream().write(bytes, offset, length);
                        } else {
                            page.write(bytes, offset, length);
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
            return pageStream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!html()) {
                return super.getWriter();
            }
            if (pageWriter == null) {
                pageWriter = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return pageWriter;
        }

        @Override
        public void setContentLength(int length) {
            if (!html()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!html()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(html() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!(html() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!html()) {
                super.flushBuffer();
            }
        }

        void finish() throws IOException {
            if (page == null || tooLarge) {
                return;
            }
            if (pageWriter != null) {
                pageWriter.flush();
            }
            byte[] body = page.toByteArray();
            String policy = original.getHeader("Content-Security-Policy");
            Matcher nonce = policy == null ? null : HEADER_NONCE.matcher(policy);
            if (nonce != null && nonce.find()) {
                String text = new String(body, StandardCharsets.UTF_8);
                body = PAGE_NONCE.matcher(text).replaceAll(Matcher.quoteReplacement("nonce=\"" + nonce.group(1) + "\""))
                        .getBytes(StandardCharsets.UTF_8);
            }
            original.setContentLength(body.length);
            original.getOutputStream().write(body);
        }
    }
}
