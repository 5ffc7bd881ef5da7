/* Links, buttons and controls smaller than arguments[0] px whose square of that size, centred
   on them, meets another target (WCAG 2.2 2.5.8's spacing, with the shop's 44 px); links inside
   a sentence are exempt (2.5.8's inline exception). Returns a description of each. */
const min = arguments[0];
const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab]";
const visible = el => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && !el.closest("[aria-hidden=true], .sr-only, .skip-link");
};
// A link inside a sentence: its paragraph (or cell, list item) has text of its own.
const inline = el => {
    if (el.tagName !== "A") return false;
    const block = el.closest("p, li, td, dd, small, .form-text, .help-block");
    if (!block) return false;
    let own = block.textContent;
    block.querySelectorAll(selector).forEach(t => { own = own.replace(t.textContent, ""); });
    return own.trim().length > 12;
};
// A label's control counts as the label's area (a radio button and its words).
const area = el => {
    const r = el.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    if (el.labels) {
        el.labels.forEach(l => {
            const q = l.getBoundingClientRect();
            left = Math.min(left, q.left); top = Math.min(top, q.top);
            right = Math.max(right, q.right); bottom = Math.max(bottom, q.bottom);
        });
    }
    return {left, top, right, bottom, width: right - left, height: bottom - top};
};
const targets = Array.from(document.querySelectorAll(selector)).filter(visible);
const boxes = targets.map(area);
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const small = [];
targets.forEach((el, i) => {
    const box = boxes[i];
    if ((box.width >= min && box.height >= min) || inline(el)) return;
    const cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
    const zone = {left: cx - min / 2, right: cx + min / 2, top: cy - min / 2, bottom: cy + min / 2};
    const crowded = boxes.some((other, j) => j !== i && !targets[j].contains(el) && !el.contains(targets[j])
        && !(el.labels && Array.from(el.labels).includes(targets[j])) && overlaps(zone, other));
    if (crowded) {
        const name = (el.getAttribute("aria-label") || el.textContent || el.value || el.name || "").trim().replace(/\s+/g, " ").slice(0, 40);
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
});
return small;
