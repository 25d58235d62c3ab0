package io.omnicase.http;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class LivePushesTest {

    @Test
    void aStreamWhoseSendFailedIsEndedWithTheFailure() {
        List<Throwable> ended = new ArrayList<>();
        ResponseBodyEmitter stream = new ResponseBodyEmitter() {
            @Override
            public void completeWithError(Throwable failure) {
                ended.add(failure);
            }
        };
        IOException gone = new IOException("Broken pipe");

        LivePushes.endAfterFailedSend(stream, gone);

        assertThat(ended).containsExactly(gone);
    }

    @Test
    void aStreamTheContainerAlreadyEndedIsLeftAsItIs() {
        // What Tomcat answers when the client went away and its error handling ended the request first.
        ResponseBodyEmitter stream = new ResponseBodyEmitter() {
            @Override
            public void completeWithError(Throwable failure) {
                throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext "
                        + "after an error had occurred and the call to AsyncListener.onError() had returned.");
            }
        };

        assertThatCode(() -> LivePushes.endAfterFailedSend(stream, new IOException("Broken pipe"))).doesNotThrowAnyException();
    }
}
