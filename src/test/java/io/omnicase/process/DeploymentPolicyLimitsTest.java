package io.omnicase.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the deployment policy bounds: how often a timer cycle fires (once a minute at most), how deep a model nests. */
class DeploymentPolicyLimitsTest {

    @Test
    void theShortestPeriodOfACycleInSeconds() {
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/PT0S")).isZero();
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R5/PT59S")).isEqualTo(59);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R3/PT10M")).isEqualTo(600);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-01-01T00:00:00Z/P1D")).isEqualTo(86_400);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R2/P1DT0.5S")).isEqualTo(86_400);
    }

    @Test
    void aModelNestedThousandsDeepIsRefusedInWordsNotWithAStackOverflow() {
        StringBuilder bpmn = new StringBuilder("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "id=\"d\" targetNamespace=\"t\"><bpmn:process id=\"deep\" isExecutable=\"true\">");
        bpmn.append("<bpmn:subProcess>".repeat(20_000)).append("</bpmn:subProcess>".repeat(20_000)).append("</bpmn:process></bpmn:definitions>");
        assertThat(DeploymentPolicy.refusals("deep.bpmn", bpmn.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .extracting(Object::toString).anyMatch(problem -> problem.contains("nests elements more than 100 levels deep"));
    }

    @Test
    void aFormHoldsOnlyWhatTheDeskShowsAndTheServerChecks() {
        String form = """
                {"type":"default","id":"resolve-case","components":[
                  {"type":"textarea","key":"resolution","id":"f_resolution","label":"Resolution"},
                  {"type":"group","id":"g","components":[{"type":"filepicker","key":"screenshot","id":"f_file","label":"Screenshot"}]},
                  {"type":"iframe","id":"f_frame","url":"https://example.com/kb"},
                  {"type":"image","id":"f_logo","source":"https://example.com/logo.png"},
                  {"type":"image","id":"f_inline","source":"data:image/png;base64,iVBORw0KGgo="}]}""";
        assertThat(DeploymentPolicy.refusals("resolve-case.form", form.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasSize(3)
                .anyMatch(p -> p.contains("f_file") && p.contains("takes no files"))
                .anyMatch(p -> p.contains("f_frame") && p.contains("'iframe' is not shown on the agent desk"))
                .anyMatch(p -> p.contains("f_logo") && p.contains("embedded"));
    }
}
