/* Renders this service's OpenAPI document (openapi.json) as a page, with a
   form to try each operation. Served by the service itself: no CDN, no build
   step, no library. Text from the document is always set with textContent. */
(function () {
  "use strict";

  var spec = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* Text with `code` spans (as OpenAPI descriptions write them) as nodes. */
  function prose(tag, text, className) {
    var node = el(tag, className ? {className: className} : {});
    String(text || "").split("`").forEach(function (part, i) {
      node.appendChild(i % 2 ? el("code", {text: part}) : document.createTextNode(part));
    });
    return node;
  }

  function status(message) {
    document.getElementById("status").textContent = message || "";
  }

  function refName(ref) {
    return ref.split("/").pop();
  }

  function resolve(schema) {
    var seen = 0;
    while (schema && schema.$ref && seen < 20) {
      schema = spec.components.schemas[refName(schema.$ref)];
      seen += 1;
    }
    return schema || {};
  }

  function typeLabel(schema) {
    if (!schema) return "";
    if (schema.$ref) return refName(schema.$ref);
    var alternatives = schema.oneOf || schema.anyOf;
    if (alternatives) {
      return alternatives.map(function (s) {
        return s.$ref ? refName(s.$ref) : (s.nullable || s.type === "null" ? "null" : typeLabel(s));
      }).join(" | ");
    }
    var t = schema.type || "any";
    if (Array.isArray(t)) {  /* OpenAPI 3.1: ["string", "null"] */
      return t.map(function (x) { return typeLabel(Object.assign({}, schema, {type: x})); }).join(" | ");
    }
    if (t === "array") t = typeLabel(schema.items || {}) + "[]";
    if (schema.enum) t += " (" + schema.enum.join(", ") + ")";
    if (schema.nullable) t += " | null";
    return t;
  }

  function nestedRef(schema) {
    if (!schema) return null;
    if (schema.$ref) return refName(schema.$ref);
    if (schema.type === "array" && schema.items) return nestedRef(schema.items);
    var alternatives = schema.oneOf || schema.anyOf || [];
    for (var i = 0; i < alternatives.length; i++) {
      if (alternatives[i].$ref) return refName(alternatives[i].$ref);
    }
    return null;
  }

  /* A table of an object schema's properties; nested schemas open on demand. */
  function schemaTable(schema, depth) {
    schema = resolve(schema);
    if (!schema.properties) return el("p", {}, [el("span", {className: "type", text: typeLabel(schema)})]);
    var required = schema.required || [];
    var rows = Object.keys(schema.properties).map(function (name) {
      var prop = schema.properties[name];
      var cell = prose("td", prop.description);
      var inner = nestedRef(prop);
      if (inner && depth < 6) {
        cell.appendChild(el("details", {}, [el("summary", {text: inner}), schemaTable({$ref: "#/components/schemas/" + inner}, depth + 1)]));
      }
      return el("tr", {}, [
        el("td", {}, [el("code", {text: name}), required.indexOf(name) >= 0 ? el("span", {className: "req", text: " required"}) : null]),
        el("td", {className: "type", text: typeLabel(prop)}),
        cell
      ]);
    });
    return el("table", {}, [el("thead", {}, [el("tr", {}, [el("th", {text: "field"}), el("th", {text: "type"}), el("th", {text: "meaning"})])]), el("tbody", {}, rows)]);
  }

  /* An example body built from the schema's examples. */
  function example(schema, depth) {
    schema = resolve(schema);
    if (schema.example !== undefined) return schema.example;
    if (depth > 4) return null;
    if (schema.type === "array") return [example(schema.items || {}, depth + 1)];
    if (schema.properties) {
      var out = {};
      Object.keys(schema.properties).forEach(function (name) {
        if ((schema.required || []).indexOf(name) >= 0 || schema.properties[name].example !== undefined) {
          out[name] = example(schema.properties[name], depth + 1);
        }
      });
      return out;
    }
    return {string: "", integer: 0, number: 0, boolean: false}[schema.type] || null;
  }

  function tryIt(path, method, op) {
    var content = (op.requestBody || {}).content || {};
    var types = Object.keys(content);
    var box = el("div", {}, [el("h4", {text: "Try it"})]);
    var select = el("select", {}, types.map(function (t) { return el("option", {value: t, text: t}); }));
    var body = el("textarea", {spellcheck: "false"});
    function fill() {
      var t = select.value;
      var sample = example(content[t].schema, 0);
      body.value = t === "application/json" ? JSON.stringify(sample, null, 2) : (sample || "");
    }
    if (types.length) {
      select.addEventListener("change", fill);
      fill();
      box.appendChild(el("p", {}, ["Content-Type ", select]));
      box.appendChild(body);
    }
    var out = el("pre", {});
    var send = el("button", {type: "button", text: "Send " + method.toUpperCase() + " " + path});
    send.addEventListener("click", function () {
      out.textContent = "…";
      var init = {method: method.toUpperCase(), headers: {}};
      if (types.length) {
        init.headers["Content-Type"] = select.value === "text/plain" ? "text/plain; charset=utf-8" : select.value;
        init.body = body.value;
      }
      fetch(path.replace(/^\//, ""), init).then(function (response) {
        return response.text().then(function (text) {
          var shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          out.textContent = response.status + " " + response.statusText + "\nX-Request-ID: " +
            response.headers.get("X-Request-ID") + "\n\n" + shown;
        });
      }).catch(function (error) { out.textContent = String(error); });
    });
    box.appendChild(send);
    box.appendChild(out);
    return box;
  }

  function operation(path, method, op) {
    var body = el("div", {});
    if (op.description) body.appendChild(prose("p", op.description));
    if (op.security && op.security.length) body.appendChild(el("p", {text: "Needs an API key (Authorization: Bearer KEY)."}));
    var content = (op.requestBody || {}).content || {};
    Object.keys(content).forEach(function (type) {
      body.appendChild(el("h4", {text: "Request body: " + type}));
      body.appendChild(schemaTable(content[type].schema, 0));
    });
    body.appendChild(el("h4", {text: "Responses"}));
    var rows = Object.keys(op.responses || {}).map(function (code) {
      var response = op.responses[code];
      var types = Object.keys(response.content || {});
      var schema = types.length ? response.content[types[0]].schema : null;
      return el("tr", {}, [
        el("td", {className: "status-" + code.charAt(0), text: code}),
        el("td", {className: "type", text: schema ? typeLabel(schema) : ""}),
        prose("td", response.description)
      ]);
    });
    body.appendChild(el("table", {}, [el("tbody", {}, rows)]));
    body.appendChild(tryIt(path, method, op));
    return el("details", {className: "op", id: op.operationId || (method + path)}, [
      el("summary", {}, [
        el("span", {className: "method " + method, text: method.toUpperCase()}),
        el("span", {className: "path", text: path}),
        el("span", {className: "summary", text: op.summary || ""})
      ]),
      body
    ]);
  }

  function render() {
    document.getElementById("title").textContent = spec.info.title;
    document.getElementById("version").textContent = "version " + spec.info.version + " · OpenAPI " + spec.openapi;
    var description = document.getElementById("description");
    description.textContent = "";
    description.appendChild(prose("span", spec.info.description));
    var ops = document.getElementById("operations");
    ops.textContent = "";
    var byTag = {};
    Object.keys(spec.paths).forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        var op = spec.paths[path][method];
        var tag = (op.tags || ["other"])[0];
        (byTag[tag] = byTag[tag] || []).push(operation(path, method, op));
      });
    });
    Object.keys(byTag).forEach(function (tag) {
      ops.appendChild(el("h2", {text: tag}));
      byTag[tag].forEach(function (node) { ops.appendChild(node); });
    });
    var list = document.getElementById("schemas");
    list.textContent = "";
    Object.keys((spec.components || {}).schemas || {}).sort().forEach(function (name) {
      var schema = spec.components.schemas[name];
      list.appendChild(el("details", {className: "op", id: "schema-" + name}, [
        el("summary", {}, [el("span", {className: "path", text: name})]),
        el("div", {}, [schema.description ? prose("p", schema.description) : null, schemaTable(schema, 0)])
      ]));
    });
  }

  /* docs#<operationId> or docs#schema-<Name> opens that entry. */
  function openFromHash() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }

  function load() {
    status("Loading openapi.json …");
    fetch("openapi.json").then(function (response) {
      if (!response.ok) throw new Error("openapi.json answered " + response.status);
      return response.json();
    }).then(function (doc) {
      spec = doc;
      status("");
      render();
      openFromHash();
    }).catch(function (error) { status(String(error)); });
  }

  load();
}());
