/* Names for the form controls Oscar's dashboard leaves unlabelled (axe "label", "link-name"),
   loaded by templates/oscar/dashboard/layout.html; the words come from the script tag's data
   attributes (translated in the template). docs/journeys.md, "The dashboard".

   - the bulk-selection check boxes of product, order and order-line tables: "Seleziona" and
     the row's first link (the product, the order number); the "select all" box;
   - the quantity box of each order line, and the other fields in table cells (the product
     form's stock records): the column's header;
   - the box and search field select2 draws for a select: the select's own label (or column);
   - the sorting links of columns without a header (check boxes, actions), empty: unwrapped;
   - column headers left empty (the check-box column, the row actions): "Seleziona" or "Azioni"
     for screen readers (axe empty-table-header);
   - headings that skip a level (Oscar's table titles are <h3> straight after the page's <h1>):
     announced one level below the heading before them (axe heading-order);
   - tab lists drawn as <ul class="nav" role="tablist"> of plain items (Oscar's user page): the
     items are presentation, the links tabs (axe aria-required-children, listitem);
   - the editable body of each TinyMCE editor (the product description), which TinyMCE names
     with an aria-label but gives no role: a multi-line text box (axe aria-prohibited-attr). */
(function ($) {
    "use strict";
    var words = document.currentScript.dataset;

    function name(element, text) {
        if (!(element.labels && element.labels.length) && !element.getAttribute("aria-label")) {
            element.setAttribute("aria-label", text.replace(/\s+/g, " ").trim());
        }
    }

    function rowName(element) {
        var row = element.closest("tr");
        var link = row && row.querySelector("a");
        return link ? link.textContent : "";
    }

    function nameSelectionBoxes() {
        document.querySelectorAll("input[type=checkbox][name^=selected_]").forEach(function (box) {
            name(box, words.select + " " + rowName(box));
        });
        document.querySelectorAll("input[type=checkbox][name=select_all]").forEach(function (box) {
            name(box, words.selectAll);
        });
        document.querySelectorAll("input[name^=selected_line_qty_]").forEach(function (box) {
            name(box, words.quantity + " " + rowName(box));
        });
        // Sort links of columns without a header (the check boxes, the row actions).
        document.querySelectorAll("th a[href^='?sort=']").forEach(function (link) {
            if (!link.textContent.trim()) {
                link.replaceWith.apply(link, Array.from(link.childNodes));
            }
        });
    }

    function columnHeader(field) {
        var cell = field.closest("td");
        var header = cell && cell.closest("table").querySelectorAll("thead th")[cell.cellIndex];
        return header ? header.textContent.trim() : "";
    }

    function nameTableFields() {
        document.querySelectorAll("td input:not([type=hidden]), td select, td textarea").forEach(function (field) {
            var header = columnHeader(field);
            if (header) {
                name(field, header);
            }
        });
    }

    function nameSelect2Widgets() {
        document.querySelectorAll(".select2-container").forEach(function (widget) {
            var select = widget.previousElementSibling;
            if (!select || select.tagName !== "SELECT") {
                return;
            }
            var text = select.labels && select.labels.length ? select.labels[0].textContent : columnHeader(select);
            if (text.trim()) {
                widget.querySelectorAll("[role=combobox], [role=textbox], .select2-search__field").forEach(function (part) {
                    name(part, text);
                });
            }
        });
    }

    function nameEmptyHeaders() {
        document.querySelectorAll("thead th").forEach(function (header) {
            if (header.textContent.trim() || header.querySelector("[aria-label], input")) {
                return;
            }
            var table = header.closest("table");
            var cell = table.querySelector("tbody tr td:nth-child(" + (header.cellIndex + 1) + ")");
            var text = cell && cell.querySelector("input[type=checkbox]") ? words.select : words.actions;
            var hidden = document.createElement("span");
            hidden.className = "sr-only";
            hidden.textContent = text;
            header.appendChild(hidden);
        });
    }

    function levelHeadings() {
        var previous = 0;
        document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").forEach(function (heading) {
            var level = Number(heading.getAttribute("aria-level") || heading.tagName.substring(1));
            if (previous && level > previous + 1) {
                level = previous + 1;
                heading.setAttribute("role", "heading");
                heading.setAttribute("aria-level", String(level));
            }
            previous = level;
        });
    }

    function roleTabs() {
        document.querySelectorAll("ul[role=tablist] > li").forEach(function (item) {
            item.setAttribute("role", "presentation");
            item.querySelectorAll("a[data-toggle=tab], a.nav-link").forEach(function (link) {
                link.setAttribute("role", "tab");
            });
        });
    }

    function roleRichTextBodies() {
        if (!window.tinymce) {
            return;
        }
        window.tinymce.on("AddEditor", function (event) {
            event.editor.on("init", function () {
                var body = event.editor.getBody();
                body.setAttribute("role", "textbox");
                body.setAttribute("aria-multiline", "true");
            });
        });
    }

    roleRichTextBodies();  // before Oscar's start-up creates the editors
    $(function () {
        // After Oscar's own start-up (the page's last script), which draws the "select all"
        // boxes and the select2 widgets.
        $(function () {
            nameSelectionBoxes();
            nameTableFields();
            nameSelect2Widgets();
            roleTabs();
            nameEmptyHeaders();
            levelHeadings();
        });
    });
    $(document).on("select2:close", nameSelect2Widgets);
})(jQuery);
