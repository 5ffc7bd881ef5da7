/* Wide tables scroll in their own box, never the page (a 390 px phone), and that box is
   reachable by keyboard with a name (axe scrollable-region-focusable). Loaded on every page by
   templates/oscar/base.html; styles in shop.css and dashboard.css (.table-scroll).

   Each table not already in a scrolling box (.table-scroll, Bootstrap's .table-responsive) gets
   one. A box that actually scrolls is a focusable, named region: its name is the table's
   caption, else the heading before it, else the script tag's data-label; names repeat only
   with a number. Checked again when the window changes size. */
(function () {
    "use strict";
    var fallback = document.currentScript.dataset.label || "Table";

    function nameOf(table) {
        if (table.caption && table.caption.textContent.trim()) {
            return table.caption.textContent.trim();
        }
        if (table.getAttribute("aria-label")) {
            return table.getAttribute("aria-label");
        }
        var labelledby = table.getAttribute("aria-labelledby");
        var node = labelledby && document.getElementById(labelledby);
        if (node) {
            return node.textContent.trim();
        }
        var all = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6, .table-header"));
        var before = all.filter(function (heading) {
            return heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
        });
        return before.length ? before[before.length - 1].textContent.replace(/\s+/g, " ").trim() : fallback;
    }

    function wrap() {
        document.querySelectorAll("table").forEach(function (table) {
            if (table.closest(".table-scroll, .table-responsive")) {
                return;
            }
            var box = document.createElement("div");
            box.className = "table-scroll";
            table.parentNode.insertBefore(box, table);
            box.appendChild(table);
        });
    }

    function update() {
        var used = {};
        document.querySelectorAll(".table-scroll, .table-responsive").forEach(function (box) {
            var table = box.querySelector("table");
            if (!table || box.scrollWidth <= box.clientWidth + 1) {
                if (box.dataset.scrolls) {
                    box.removeAttribute("tabindex");
                    box.removeAttribute("role");
                    box.removeAttribute("aria-label");
                    delete box.dataset.scrolls;
                }
                return;
            }
            var name = nameOf(table);
            used[name] = (used[name] || 0) + 1;
            box.dataset.scrolls = "1";
            box.setAttribute("tabindex", "0");
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", used[name] > 1 ? name + " (" + used[name] + ")" : name);
        });
    }

    function start() {
        wrap();
        update();
        var timer;
        window.addEventListener("resize", function () {
            clearTimeout(timer);
            timer = setTimeout(update, 100);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
