/* kitacert: upload forms of the questionnaire (form.kc-upload), progressively enhanced.
   Without this file the forms post as they are. With it, each form's file field is a
   drop zone, a file over the limit is refused before it is sent, and the form is sent
   with XMLHttpRequest so that a <progress> shows how far it is ("37 % hochgeladen",
   announced politely). The server answers the request as it answers htmx (HX-Request):
   success is 204 with HX-Redirect, which the page follows; a refusal is the
   questionnaire with the German message at the form, which is copied into this page.
   No inline code, no framework: the page's Content-Security-Policy allows only files
   of this site (docs/ui.md). */
(function () {
  'use strict';

  if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
    return; // the plain form works
  }

  function text(el, s) {
    if (el) { el.textContent = s; }
  }

  // showErrors puts the server's German refusal into the form: the block the server
  // rendered at the same form of its answer, else the heading and text of its error page.
  function showErrors(form, status, html) {
    var box = form.querySelector('[data-upload-errors]');
    var doc = null;
    try { doc = new DOMParser().parseFromString(html || '', 'text/html'); } catch (e) { doc = null; }
    var same = doc && form.id ? doc.getElementById(form.id) : null;
    var block = same ? same.querySelector('[data-upload-errors]') : null;
    if (box && block && block.children.length) {
      box.replaceChildren.apply(box, Array.prototype.map.call(block.children, function (n) {
        return document.importNode(n, true);
      }));
      var field = same.querySelector('[aria-invalid="true"]');
      var mine = field && field.id ? document.getElementById(field.id) : null;
      if (mine) {
        mine.setAttribute('aria-invalid', 'true');
      }
      return;
    }
    var msg = '';
    if (doc) {
      var h = doc.querySelector('main h1');
      var p = doc.querySelector('main .kern-alert__body, main p.kern-body');
      msg = [h && h.textContent.trim(), p && p.textContent.trim()].filter(Boolean).join(': ');
    }
    if (!msg) {
      msg = 'Das Hochladen hat nicht geklappt (Status ' + status + '). Bitte versuchen Sie es noch einmal.';
    }
    alertIn(form, msg);
  }

  // alertIn shows a German message as a KERN alert at the top of the form.
  function alertIn(form, msg) {
    var box = form.querySelector('[data-upload-errors]');
    if (!box) { return; }
    var alert = document.createElement('div');
    alert.className = 'kern-alert kern-alert--danger';
    alert.setAttribute('role', 'alert');
    var head = document.createElement('div');
    head.className = 'kern-alert__header';
    var icon = document.createElement('span');
    icon.className = 'kern-icon kern-icon--danger';
    icon.setAttribute('aria-hidden', 'true');
    var title = document.createElement('span');
    title.className = 'kern-title';
    title.textContent = 'Nicht hochgeladen';
    head.append(icon, title);
    var body = document.createElement('div');
    body.className = 'kern-alert__body';
    var p = document.createElement('p');
    p.className = 'kern-body';
    p.textContent = msg;
    body.append(p);
    alert.append(head, body);
    box.replaceChildren(alert);
  }

  // go opens the page the server named; the same page again (a second upload in a row)
  // is loaded anew, where assigning the address would only move to its fragment.
  function go(to) {
    var u = new URL(to, window.location.href);
    var here = window.location;
    if (u.pathname + u.search !== here.pathname + here.search) {
      here.assign(u.href);
      return;
    }
    if (u.hash) { here.hash = u.hash; }
    here.reload();
  }

  function enhance(form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('.kc-dropzone');
    var wrap = form.querySelector('[data-upload-progress]');
    var bar = wrap ? wrap.querySelector('progress') : null;
    var status = form.querySelector('[data-upload-status]');
    var button = form.querySelector('button[type=submit]');
    var max = parseInt(form.getAttribute('data-max-bytes'), 10) || 0;
    if (!input) { return; }

    if (zone) {
      zone.classList.add('kc-dropzone--active');
      var hint = zone.querySelector('.kc-drop-hint');
      if (hint) { hint.hidden = false; }
      var over = function (e) {
        e.preventDefault();
        zone.classList.add('kc-dropzone--over');
      };
      var leave = function () { zone.classList.remove('kc-dropzone--over'); };
      zone.addEventListener('dragenter', over);
      zone.addEventListener('dragover', over);
      zone.addEventListener('dragleave', leave);
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        leave();
        var files = e.dataTransfer && e.dataTransfer.files;
        if (!files || !files.length) { return; }
        try {
          var dt = new DataTransfer();
          dt.items.add(files[0]);
          input.files = dt.files;
        } catch (err) {
          input.files = files;
        }
        text(status, 'Gewählt: ' + files[0].name);
        input.focus();
      });
    }

    form.addEventListener('submit', function (e) {
      var file = input.files && input.files[0];
      if (!file) { return; } // the browser or the server says what is missing
      e.preventDefault();
      if (max > 0 && file.size > max) {
        alertIn(form, form.getAttribute('data-too-large') || 'Die Datei ist zu groß.');
        input.focus();
        return;
      }
      var data = new FormData(form); // in the form's order: the CSRF field first
      var xhr = new XMLHttpRequest();
      var last = -1;
      var lastAt = 0;
      var done = function () {
        form.removeAttribute('aria-busy');
        if (button) { button.disabled = false; }
        if (wrap) { wrap.hidden = true; }
      };
      xhr.open('POST', form.action);
      xhr.setRequestHeader('HX-Request', 'true');
      if (form.elements.csrf) {
        xhr.setRequestHeader('X-CSRF-Token', form.elements.csrf.value);
      }
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) { return; }
        var pct = Math.floor(ev.loaded * 100 / ev.total);
        if (bar) { bar.value = pct; bar.textContent = pct + ' %'; }
        var now = Date.now();
        // The live text changes at most twice a second, so screen readers keep up.
        if (pct !== last && (pct === 100 || now - lastAt > 500)) {
          last = pct;
          lastAt = now;
          text(status, pct + ' % hochgeladen');
        }
      });
      xhr.addEventListener('load', function () {
        var to = xhr.getResponseHeader('HX-Redirect');
        if (xhr.status === 204 && to) {
          text(status, 'Hochgeladen.');
          go(to);
          return;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          window.location.assign(xhr.responseURL || window.location.href);
          return;
        }
        done();
        text(status, '');
        showErrors(form, xhr.status, xhr.responseText);
      });
      xhr.addEventListener('error', function () {
        done();
        text(status, '');
        alertIn(form, 'Die Verbindung ist abgebrochen. Bitte versuchen Sie es noch einmal.');
      });
      var errors = form.querySelector('[data-upload-errors]');
      if (errors) { errors.replaceChildren(); }
      form.setAttribute('aria-busy', 'true');
      if (button) { button.disabled = true; }
      if (wrap) { wrap.hidden = false; }
      if (bar) { bar.value = 0; }
      text(status, '0 % hochgeladen');
      xhr.send(data);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('form.kc-upload'), enhance);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
