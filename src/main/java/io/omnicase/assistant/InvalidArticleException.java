package io.omnicase.assistant;

import io.omnicase.http.InvalidFieldException;

/** An article the assistant cannot accept: no title, no body, raw HTML, broken front matter. */
public class InvalidArticleException extends InvalidFieldException {
    public InvalidArticleException(String field, String message) {
        super(field, message);
    }
}
