/* Names for the form controls Oscar's dashboard leaves unlabelled (axe "label", "link-name"),
   loaded by templates/oscar/dashboard/layout.html; the words come from the script tag's data
   attributes (translated in the template). docs/journeys.md, "The dashboard".

   - the bulk-selection check boxes of product, order and order-line tables: "Seleziona" and
     the row's first link (the product, the order number); the "select all" box;
   - the quantity box of each order line, and the other fields in table cells (the product
     form's stock records): the column's header;
   - the box and search field select2 draws for a select: the select's own label (or column);
   - the sorting link of the product table's check-box column, which has no text: unwrapped. */
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
        document.querySelectorAll("th a[href='?sort=checkbox']").forEach(function (link) {
            link.replaceWith.apply(link, Array.from(link.childNodes));
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

    $(function () {
        // After Oscar's own start-up (the page's last script), which draws the "select all"
        // boxes and the select2 widgets.
        $(function () {
            nameSelectionBoxes();
            nameTableFields();
            nameSelect2Widgets();
        });
    });
    $(document).on("select2:close", nameSelect2Widgets);
})(jQuery);
