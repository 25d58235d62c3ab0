package io.omnicase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Map;

/**
 * Names, once at start, the implementations that two libraries otherwise look up on every call by scanning every jar
 * on the class path ({@link java.util.ServiceLoader}): Jakarta Mail's stream provider (each message parsed or sent)
 * and the XML datatype factory (each timer Camunda schedules). A profile of the after-commit work found these scans at
 * about 5 % of its CPU (issue 18). The implementations named are the ones the scans find; a system property given on
 * the command line is left as it is, and an implementation that is not on the class path is not named.
 */
public class ProviderLookups implements EnvironmentPostProcessor {

    static final Map<String, String> PROVIDERS = Map.of(
            "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider",
            "javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        name();
    }

    static void name() {
        PROVIDERS.forEach((api, implementation) -> {
            if (System.getProperty(api) == null && present(implementation)) {
                System.setProperty(api, implementation);
            }
        });
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ProviderLookups.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
