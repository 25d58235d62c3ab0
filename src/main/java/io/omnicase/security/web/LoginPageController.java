package io.omnicase.security.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page Spring Security sends people to is the front end's (login.html), at the address /login. */
@Controller
class LoginPageController {

    @GetMapping("/login")
    String loginPage() {
        return "forward:/login.html";
    }
}
