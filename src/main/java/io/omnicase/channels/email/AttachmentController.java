package io.omnicase.channels.email;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.http.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * The attachments of a case's mails: listed, and downloaded only as files (never rendered by the browser), by those
 * the case access policy lets read the case.
 */
@RestController
class AttachmentController {

    private final Attachments attachments;
    private final CaseAccess access;

    AttachmentController(Attachments attachments, CaseAccess access) {
        this.attachments = attachments;
        this.access = access;
    }

    @Operation(summary = "List a case's mail attachments")
    @GetMapping("/api/cases/{caseId}/attachments")
    List<Attachments.Stored> list(@PathVariable long caseId, Principal user) {
        access.checkRead(user.getName(), new CaseId(caseId));
        return attachments.ofCase(caseId);
    }

    @Operation(summary = "Download one mail attachment")
    @GetMapping("/api/cases/{caseId}/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable long caseId, @PathVariable long id, Principal user) {
        access.checkRead(user.getName(), new CaseId(caseId));
        Map.Entry<Attachments.Stored, byte[]> file = attachments.load(caseId, id)
                .orElseThrow(() -> new NotFoundException("Case " + caseId + " has no attachment " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.getKey().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.getKey().filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(file.getValue());
    }
}
