// What a reader of one page sees, measured in the page itself and returned as JSON.
// Waits for every image to decode first, so "broken" means broken, not "still loading".
(async () => {
  const images = Array.from(document.images);
  await Promise.all(images.map((img) => img.decode().catch(() => {})));
  const main = document.querySelector("main") || document.body;
  const room = main.getBoundingClientRect().right;
  const out = { cut_tables: [], broken_images: [], raw_includes: 0, links: [], missing_anchors: [] };
  document.querySelectorAll("main table").forEach((table, index) => {
    // mdBook wraps each table in a scrolling box: a table wider than that box, or than the
    // content column, hides its right-hand columns behind a scroll bar.
    const box = table.closest(".table-wrapper") || table.parentElement;
    const edge = Math.min(box.getBoundingClientRect().right, room);
    const cells = table.rows.length > 0 ? Array.from(table.rows[0].cells) : [];
    const hidden = cells
      .filter((cell) => cell.getBoundingClientRect().right > edge + 1)
      .map((cell) => cell.innerText.trim() || "(blank)");
    if (table.scrollWidth > box.clientWidth + 1 || hidden.length > 0) {
      out.cut_tables.push({
        index,
        width: table.scrollWidth,
        room: Math.round(box.clientWidth),
        columns: cells.map((cell) => cell.innerText.trim()),
        hidden,
      });
    }
  });
  for (const img of images) {
    if (!(img.complete && img.naturalWidth > 0)) out.broken_images.push(img.getAttribute("src"));
  }
  out.raw_includes = (main.innerText.match(/\{\{#include/g) || []).length;
  document.querySelectorAll("a[href]").forEach((a) => {
    const href = a.getAttribute("href");
    if (href.startsWith("#")) {
      const id = decodeURIComponent(href.slice(1));
      if (id && !document.getElementById(id)) out.missing_anchors.push(href);
    } else if (a.protocol === "file:") {
      out.links.push(a.href);
    }
  });
  return JSON.stringify(out);
})()
