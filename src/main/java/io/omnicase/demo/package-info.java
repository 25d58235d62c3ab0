/** Demo users and demo cases for the default run, so a first look at Omnicase has something to show. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package io.omnicase.demo;
