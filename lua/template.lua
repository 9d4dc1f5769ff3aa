-- template: compiles page templates into Lua functions.
--
-- A template is HTML (or XHTML) with four kinds of tags:
--   {{ expr }}     the value of expr, HTML-escaped
--   {{{ expr }}}   the value of expr unescaped; only HTML made by the core
--                  (Markdown rendered by cmark in safe mode, or include())
--                  is accepted, anything else is an error
--   {% stmt %}     Lua statements: {% for _, f in ipairs(level.functions) do %}
--   {# text #}     a comment, dropped
-- A line holding only a {% %} or {# #} tag leaves no blank line behind.
-- The generated code keeps the template's line breaks, so Lua reports
-- errors at the template's own line numbers.

local core = require("tiku.core")

local M = {}

-- %q writes a newline as a backslash and a real line break; keep the
-- generated code on the template's lines by escaping it as \n instead.
local function quote(s)
  return (string.format("%q", s):gsub("\\\n", "\\n"))
end

-- Emit literal text, one Lua string per template line, with a real line
-- break after each so that line numbers stay aligned.
local function emit_text(code, text)
  local start = 1
  while start <= #text do
    local nl = text:find("\n", start, true)
    local piece = text:sub(start, nl or #text)
    code[#code + 1] = "_put(" .. quote(piece) .. ")"
    if nl then code[#code + 1] = "\n" end
    start = (nl or #text) + 1
  end
end

local function count_lines(s)
  local _, n = s:gsub("\n", "")
  return n
end

-- Translate template source into Lua source.
function M.translate(source, name)
  local code = {}
  local pos = 1
  while true do
    local open, tag = source:match("(){([{%%#])", pos)
    if not open then
      emit_text(code, source:sub(pos))
      break
    end
    local close_pat, kind
    if tag == "{" then
      if source:sub(open, open + 2) == "{{{" then
        close_pat, kind = "}}}", "raw"
      else
        close_pat, kind = "}}", "expr"
      end
    elseif tag == "%" then
      close_pat, kind = "%}", "stmt"
    else
      close_pat, kind = "#}", "comment"
    end
    local body_start = open + (kind == "raw" and 3 or 2)
    local close = source:find(close_pat, body_start, true)
    if not close then
      local line = count_lines(source:sub(1, open)) + 1
      error(string.format("%s:%d: unclosed '%s' (expected '%s')", name,
        line, source:sub(open, body_start - 1), close_pat), 0)
    end
    local after = close + #close_pat
    local text = source:sub(pos, open - 1)
    -- A statement or comment alone on its line takes the line with it.
    if kind == "stmt" or kind == "comment" then
      local indent = text:match("\n([ \t]*)$") or (pos == 1 and text:match("^([ \t]*)$"))
      local rest = source:match("^[ \t]*\n", after)
      if indent and rest then
        text = text:sub(1, #text - #indent)
        after = after + #rest
        rest = "\n"
      else
        rest = nil
      end
      emit_text(code, text)
      local body = source:sub(body_start, close - 1)
      if kind == "stmt" then
        code[#code + 1] = body
      else
        code[#code + 1] = string.rep("\n", count_lines(body))
      end
      code[#code + 1] = " "
      if rest then code[#code + 1] = "\n" end
    else
      emit_text(code, text)
      local body = source:sub(body_start, close - 1)
      code[#code + 1] = (kind == "raw" and "_raw(" or "_esc(") .. body .. ")"
    end
    pos = after
  end
  return table.concat(code)
end

local cache = {}

-- Compile a template of templates/ into a function(data) → string.
function M.load(name)
  local fn = cache[name]
  if fn then return fn end
  local source, path = core.read_template(name)
  fn = core.compile(M.translate(source, path), path)
  cache[name] = fn
  return fn
end

-- Render a template with data; returns core-made HTML (see {{{ }}}).
function M.render(name, data)
  return core.render(M.load(name), data)
end

-- Helpers every template can call.
-- include(name, vars): another template's output, as core-made HTML.
core.define("include", function(name, vars) return M.render(name, vars or {}) end)
-- markdown(text): inline Markdown rendered by cmark in safe mode.
core.define("markdown", core.markdown)

return M
