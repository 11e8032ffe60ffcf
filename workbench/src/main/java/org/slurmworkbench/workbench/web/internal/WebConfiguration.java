package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Languages: English ({@code messages_en.properties}) and Chinese ({@code messages_zh.properties}). The choice made with {@code ?lang=en|zh} is kept in a cookie; without one,
 * the browser's Accept-Language decides, and anything other than Chinese falls back to English.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.CHINESE);

    /** Messages in UTF-8; a language without its own bundle gets English, whatever the server's locale. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "reasons", "slurm");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(Locale.ENGLISH);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("wb-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(WebConfiguration::fromAcceptLanguage);
        return resolver;
    }

    static Locale fromAcceptLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: fall back to English
            }
        }
        return Locale.ENGLISH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(localeResolver()));
    }

    /** {@code ?lang=en} or {@code ?lang=zh} switches the language; any other value is ignored. */
    record LanguageSwitch(LocaleResolver resolver) implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String lang = request.getParameter("lang");
            if (lang != null) {
                SUPPORTED.stream().filter(l -> l.getLanguage().equals(lang)).findFirst()
                        .ifPresent(locale -> resolver.setLocale(request, response, locale));
            }
            return true;
        }
    }

    /** Outermost filter, around Spring Session's and Spring Security's: see {@link StoreOutageFilter}. */
    @Bean
    FilterRegistrationBean<StoreOutageFilter> storeOutageFilter(JsonMapper json) {
        FilterRegistrationBean<StoreOutageFilter> bean = new FilterRegistrationBean<>(new StoreOutageFilter(json));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** Next, before anything reads a parameter of a multipart body: see {@link UploadLimitFilter}. */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(JsonMapper json) {
        FilterRegistrationBean<UploadLimitFilter> bean = new FilterRegistrationBean<>(new UploadLimitFilter(json));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }
}
