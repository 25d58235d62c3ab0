/** What every HTTP endpoint shares: errors answered as RFC 9457 problem details, request size limits. */
@org.springframework.modulith.ApplicationModule(displayName = "Web", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.omnicase.web;
