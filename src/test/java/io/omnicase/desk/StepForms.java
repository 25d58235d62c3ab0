package io.omnicase.desk;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * How a browser test fills in the desk's step form, which the form-js viewer draws from the deployed Camunda Form:
 * fields are found by their label, as a person finds them.
 */
final class StepForms {

    private StepForms() {
    }

    /** The input of the field labelled so, once the form is drawn. */
    static WebElement field(WebDriver page, String label) {
        By byLabel = By.xpath("//section[@id='step-form']//label[starts-with(normalize-space(.), '" + label + "')]");
        new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> !d.findElements(byLabel).isEmpty());
        String id = page.findElement(byLabel).getDomAttribute("for");
        return page.findElement(By.id(id));
    }

    /** Picks the radio button labelled so. */
    static void pick(WebDriver page, String option) {
        By radio = By.xpath("//section[@id='step-form']//label[normalize-space(.)='" + option + "']");
        new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> !d.findElements(radio).isEmpty());
        page.findElement(radio).click();
    }
}
