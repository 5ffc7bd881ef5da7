/* AtC56W+ storefront behaviour. Loaded as a static file (no inline scripts: the site
   runs under a Content Security Policy without 'unsafe-inline'). Pages work without it. */
(function () {
    "use strict";

    function ready(fn) {
        if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
    }

    ready(function () {
        var oscar = window.oscar;
        if (oscar) {
            // What Oscar's templates used to start from inline <script> blocks.
            oscar.init();
            if (document.getElementById("basket_formset")) {
                // After an AJAX quantity change, the header's basket shows the new count and total.
                var redrawBasket = oscar.basket.submitFormSuccess;
                oscar.basket.submitFormSuccess = function (data) {
                    redrawBasket(data);
                    var summary = document.querySelector(".basket-summary");
                    if (summary && data.mini_basket_html) { summary.outerHTML = data.mini_basket_html; }
                };
                oscar.basket.init({ basketURL: document.body.getAttribute("data-basket-url") });
            }
            if (document.querySelector("form input[name=options]")) { oscar.checkout.gateway.init(); }
            if (document.querySelector(".clipboard-item")) { oscar.customer.wishlists.init(); }
            if (document.querySelector('a[data-behaviours~="archive"]')) { oscar.notifications.init(); }
        }

        // Gallery: a thumbnail shows its picture in the main frame, keeping the link as fallback.
        var main = document.querySelector("[data-gallery-main]");
        if (main) {
            document.querySelectorAll("[data-gallery-thumb]").forEach(function (link) {
                link.addEventListener("click", function (event) {
                    event.preventDefault();
                    main.src = link.getAttribute("data-gallery-thumb");
                    document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
                        other.removeAttribute("aria-current");
                    });
                    link.setAttribute("aria-current", "true");
                });
            });
        }

        document.querySelectorAll("[data-print]").forEach(function (link) {
            link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
        });

        // Categories and facets are open on wide screens, folded on small ones: on a phone the
        // first product comes right after the distance filter (open without script).
        var wide = window.matchMedia("(min-width: 992px)");
        function syncFacets() {
            document.querySelectorAll("details[data-facets]").forEach(function (details) {
                details.open = wide.matches;
            });
        }
        syncFacets();
        if (wide.addEventListener) { wide.addEventListener("change", syncFacets); }

    });
})();
