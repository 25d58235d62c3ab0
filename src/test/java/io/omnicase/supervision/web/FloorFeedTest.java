package io.omnicase.supervision.web;

import io.omnicase.cases.CaseManagement;
import io.omnicase.http.LivePushes;
import io.omnicase.http.LiveStreams;
import io.omnicase.supervision.Floor;
import io.omnicase.supervision.SupervisorFloor;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FloorFeedTest {

    /**
     * Walk 50: the last floor tab closed; until the next reconcile the floor still counted as live, but with nobody
     * watching, no event refreshed its rows. A supervisor opening the floor then read "waiting 13 min" on a case Sam
     * had answered seconds before. Whoever opens the floor while nobody watches reads it afresh.
     */
    @Test
    void theFirstWatcherAfterNobodyWatchedReadsTheFloorAfresh() throws Exception {
        SupervisorFloor floor = mock(SupervisorFloor.class);
        when(floor.live()).thenReturn(true); // rows kept from a watcher who has just left
        when(floor.view(any())).thenReturn(mock(Floor.class));
        LiveStreams streams = mock(LiveStreams.class);
        when(streams.open(any(), anyLong())).thenAnswer(call -> new SseEmitter(60_000L));
        FloorFeed feed = new FloorFeed(floor, mock(CaseManagement.class), mock(LivePushes.class), streams);

        feed.follow(() -> "supervisor", new MockHttpServletRequest());
        // Read as after nobody watched: forgotten first, so a case released in the gap is not taken as released now.
        InOrder order = inOrder(floor);
        order.verify(floor).forget();
        order.verify(floor).load();

        // A second watcher beside the first: the rows are being kept current, no second read.
        feed.follow(() -> "admin", new MockHttpServletRequest());
        verify(floor, times(1)).load();
    }
}
