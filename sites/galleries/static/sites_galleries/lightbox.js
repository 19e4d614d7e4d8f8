/* A small accessible lightbox for photo galleries (no dependencies, no CDN).
 *
 * Markup: a container with [data-lightbox-group] holding links a[data-lightbox-item] to the
 * large images (data-caption optional). Without JavaScript the links open the images.
 * The viewer is a modal <dialog> (focus stays inside, Escape closes it); the arrow keys and
 * the buttons move between photos, and focus returns to the photo that opened it. */
(function () {
  "use strict";

  var template = document.getElementById("lightbox-template");
  if (!template || typeof HTMLDialogElement === "undefined") {
    return;
  }
  var dialog = null;
  var items = [];
  var index = 0;
  var opener = null;

  function build() {
    dialog = template.content.firstElementChild.cloneNode(true);
    document.body.appendChild(dialog);
    dialog.querySelector(".lightbox-prev").addEventListener("click", function () { show(index - 1); });
    dialog.querySelector(".lightbox-next").addEventListener("click", function () { show(index + 1); });
    dialog.querySelector(".lightbox-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(index - 1); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(index + 1); event.preventDefault(); }
      if (event.key === "Home") { show(0); event.preventDefault(); }
      if (event.key === "End") { show(items.length - 1); event.preventDefault(); }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); } // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      if (opener) { opener.focus(); }
    });
  }

  function show(newIndex) {
    index = (newIndex + items.length) % items.length;
    var link = items[index];
    var thumbnail = link.querySelector("img");
    var img = dialog.querySelector("img");
    img.src = link.href;
    img.alt = thumbnail ? thumbnail.alt : "";
    dialog.querySelector("figcaption").textContent = link.getAttribute("data-caption") || "";
    var counter = dialog.querySelector(".lightbox-counter");
    counter.textContent = counter.getAttribute("data-format")
      .replace("%(current)s", String(index + 1))
      .replace("%(total)s", String(items.length));
    var single = items.length < 2;
    dialog.querySelector(".lightbox-prev").hidden = single;
    dialog.querySelector(".lightbox-next").hidden = single;
  }

  function open(group, link) {
    if (!dialog) { build(); }
    items = Array.prototype.slice.call(group.querySelectorAll("a[data-lightbox-item]"));
    opener = link;
    show(items.indexOf(link));
    dialog.showModal();
    dialog.querySelector(".lightbox-close").focus();
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    var link = event.target.closest("a[data-lightbox-item]");
    var group = link && link.closest("[data-lightbox-group]");
    if (!group) { return; }
    event.preventDefault();
    open(group, link);
  });
})();
