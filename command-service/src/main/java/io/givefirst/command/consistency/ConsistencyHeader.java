package io.givefirst.command.consistency;

import io.givefirst.shared.consistency.ConsistencyToken;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every answer to a write that stored events carries {@value ConsistencyToken#HEADER}: send it with a query to
 * read this write (query-service waits for its read model to apply it). Set just before the body is written,
 * when every command of the request has committed.
 */
@ControllerAdvice
class ConsistencyHeader implements ResponseBodyAdvice<Object> {
    private final WrittenPositions written;

    ConsistencyHeader(WrittenPositions written) {
        this.written = written;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        ConsistencyToken token = written.ofCurrentRequest();
        if (!token.isEmpty()) {
            response.getHeaders().set(ConsistencyToken.HEADER, token.encode());
        }
        return body;
    }
}
