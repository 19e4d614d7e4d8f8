// While the user types the subject of a new request, show knowledge-base articles in the
// page's language that may already answer it (GET /<lang>/support/kb/suggest/?q=...).
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form) { return; }
  var title = form.querySelector("[name=title]");
  var category = form.querySelector("[name=category]");
  var list = form.querySelector(".helpdesk-suggestion-list");
  var timer = null;
  function render(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = item.title;
      var question = document.createElement("p");
      question.textContent = item.question;
      var answer = document.createElement("p");
      answer.textContent = item.answer;
      details.appendChild(summary);
      details.appendChild(question);
      details.appendChild(answer);
      li.appendChild(details);
      list.appendChild(li);
    });
  }
  function lookup() {
    var url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(title.value) +
      "&category=" + encodeURIComponent(category ? category.value : "");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (data.items.length) { render(data.items); } });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(lookup, 400); }
  if (title) { title.addEventListener("input", schedule); }
  if (category) { category.addEventListener("change", schedule); }
})();
