/** Users and roles: who may log in, what each role may reach, and how the API answers 401 and 403. */
@org.springframework.modulith.ApplicationModule(displayName = "Security", allowedDependencies = "http")
package io.omnicase.security;
