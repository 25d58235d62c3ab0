/**
 * What every HTTP endpoint shares, before and after the controllers: errors answered as RFC 9457 problem details,
 * request size limits, strict JSON, the Content-Security-Policy. Named {@code http}, not {@code web}, so it is not
 * mistaken for the {@code web} sub-package of a business module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.omnicase.http;
