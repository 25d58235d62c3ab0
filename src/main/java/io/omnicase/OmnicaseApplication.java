package io.omnicase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Omnicase. */
@SpringBootApplication
public class OmnicaseApplication {
    public static void main(String[] args) {
        SpringApplication.run(OmnicaseApplication.class, args);
    }
}
