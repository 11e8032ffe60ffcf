package org.slurmworkbench.workbench.workload.swf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.slurmworkbench.workbench.workload.plan.InvalidWorkloadException;
import org.slurmworkbench.workbench.workload.run.Run;
import org.slurmworkbench.workbench.workload.run.Runs;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The SWF import card of {@code /workloads} (admins): an uploaded trace is previewed with the API's own options and
 * checks ({@link SwfPreviews}) before anything is created, then created as a run the way the runs API does
 * ({@link SwfRuns}). Both answer the card (htmx swaps it; the file input is kept by {@code hx-preserve}), bad input as a
 * message on its field; a created run sends the browser to its page.
 */
@Controller
class SwfPages {

    private final SwfPreviews previews;
    private final SwfRuns runs;
    private final Clusters clusters;
    private final SubmitTestUsers testUsers;
    private final MessageSource messages;

    SwfPages(SwfPreviews previews, SwfRuns runs, Clusters clusters, SubmitTestUsers testUsers, MessageSource messages) {
        this.previews = previews;
        this.runs = runs;
        this.clusters = clusters;
        this.testUsers = testUsers;
        this.messages = messages;
    }

    /** An empty text field is no option at all (the API's null), not an empty partition name. */
    @InitBinder("swf")
    void emptyIsNull(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @PostMapping("/workloads/swf/preview")
    String preview(@RequestParam(required = false) String cluster, @RequestParam(required = false) MultipartFile file,
                   @ModelAttribute("swf") SwfOptions options, BindingResult binding, Model model, Locale locale)
            throws IOException {
        Runs.requireAdmin(CurrentUser.require());
        Map<String, String> errors = new LinkedHashMap<>();
        SwfPreviews.SwfPreviewAnswer answer = preview(cluster, file, options, binding, errors, locale);
        return card(model, cluster, errors, answer);
    }

    @PostMapping("/workloads/swf/runs")
    String create(@RequestParam(required = false) String cluster, @RequestParam(required = false) MultipartFile file,
                  @ModelAttribute("swf") SwfOptions options, BindingResult binding, Model model, Locale locale,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        WorkbenchUser me = CurrentUser.require();
        Runs.requireAdmin(me);
        Map<String, String> errors = new LinkedHashMap<>();
        // the preview's checks first: their messages are in the page's language, the run's own are the API's
        SwfPreviews.SwfPreviewAnswer answer = preview(cluster, file, options, binding, errors, locale);
        if (answer == null) {
            return card(model, cluster, errors, null);
        }
        Run run;
        try (InputStream in = file.getInputStream()) {
            run = runs.create(me, cluster, in, SwfPreviews.fileName(file.getOriginalFilename()), options, null, null);
        } catch (ErrorResponseException e) {
            errors.put("file", String.valueOf(e.getBody().getDetail()));
            return card(model, cluster, errors, answer);
        }
        String page = "/workloads/runs/" + run.id();
        if (request.getHeader("HX-Request") == null) {
            return "redirect:" + page;
        }
        // htmx would follow a redirect itself and put the run page into the card
        response.setHeader("HX-Redirect", request.getContextPath() + page);
        return card(model, cluster, errors, answer);
    }

    /** An upload over the configured size: said on the file field, like any other bad input. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(MaxUploadSizeExceededException e, Model model, Locale locale) {
        return card(model, null, Map.of("file", msg("workload.swf.error.tooLarge", locale)), null);
    }

    /** Checks the form and previews the import; answers null with a message per field in {@code errors}. */
    private SwfPreviews.SwfPreviewAnswer preview(String cluster, MultipartFile file, SwfOptions options,
                                                 BindingResult binding, Map<String, String> errors, Locale locale)
            throws IOException {
        for (FieldError fe : binding.getFieldErrors()) {
            errors.putIfAbsent(fe.getField(), msg("workload.error.decimal", locale));
        }
        if (cluster == null || !clusters.names().contains(cluster)) {
            errors.putIfAbsent("cluster", msg("workload.error.cluster", locale));
        }
        if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty()) {
            errors.putIfAbsent("file", msg("workload.swf.error.noFile", locale));
        } else if (file.isEmpty()) {
            errors.putIfAbsent("file", msg("workload.swf.error.empty", locale));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        SwfPreviews.SwfPreviewAnswer answer;
        try {
            answer = previews.preview(cluster, file, options, locale);
        } catch (SlurmException e) {
            errors.put("cluster", messages.getMessage("workload.error.unreachable", new Object[]{e.getMessage()}, locale));
            return null;
        } catch (InvalidWorkloadException e) {
            for (FieldError fe : e.errors().getFieldErrors()) {
                // options.compression -> compression; the options as a whole (no nodes, no test users) -> the cluster
                String field = fe.getField().equals("options") ? "cluster" : fe.getField().replaceFirst("^options\\.", "");
                errors.merge(field, messages.getMessage(fe, locale), (a, b) -> a + "; " + b);
            }
            return null;
        }
        if (answer.report().imported() == 0) {
            SwfReport r = answer.report();
            errors.put("file", r.examples().isEmpty()
                    ? messages.getMessage("workload.swf.error.noJobs", new Object[]{r.lines()}, locale)
                    : messages.getMessage("workload.swf.error.noJobsExample", new Object[]{r.lines(),
                            r.examples().getFirst().line(), msg("workload.swf.reason." + r.examples().getFirst().reason(), locale),
                            r.examples().getFirst().text()}, locale));
            return null;
        }
        return answer;
    }

    private String card(Model model, String cluster, Map<String, String> errors, SwfPreviews.SwfPreviewAnswer answer) {
        model.addAttribute("swfCluster", cluster);
        model.addAttribute("swfErrors", errors);
        model.addAttribute("swfPreview", answer);
        model.addAttribute("swfExamples", answer == null ? Map.of() : examples(answer.report()));
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("testUsers", testUsers.testUsers());
        return "workload/swf :: card";
    }

    /** The first example line of each kind of change and of skip, which the page shows beside its count. */
    private static Map<Object, Object> examples(SwfReport r) {
        Map<Object, Object> first = new HashMap<>();
        r.changes().forEach(c -> first.putIfAbsent(c.change(), c));
        r.examples().forEach(e -> first.putIfAbsent(e.reason(), e));
        return first;
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
