-- End-to-end test of `leakwatch lsp` in headless Neovim (0.7 and later),
-- through the plugin in editors/nvim. Run by scripts/e2e-lsp.sh:
--
--   LEAKWATCH_BIN=... LEAKWATCH_FILE=... nvim --headless -u NONE -i NONE \
--     --cmd 'set rtp+=editors/nvim' -c 'luafile testdata/lsp/nvim/e2e.lua'
--
-- It opens a leaking file, waits for the diagnostic, applies the quick fix
-- and waits for the diagnostic to go away. Every wait has a deadline
-- (vim.wait with a condition); any failure exits non-zero.
local RULE = "listener-not-removed"
local DEADLINE_MS = 30000

local function out(msg)
  io.stdout:write(msg .. "\n")
  io.stdout:flush()
end

local function fail(msg)
  io.stderr:write("FAIL (neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "): " .. msg .. "\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
end

local function wait_for(what, cond)
  if not vim.wait(DEADLINE_MS, cond, 20) then
    fail("timed out waiting for " .. what)
  end
end

local function run()
  local bin = os.getenv("LEAKWATCH_BIN")
  local file = os.getenv("LEAKWATCH_FILE")
  if not bin or not file then
    fail("set LEAKWATCH_BIN and LEAKWATCH_FILE")
  end
  local exit_code = nil
  vim.cmd("filetype on")
  require("leakwatch").setup({
    cmd = { bin, "lsp" },
    init_options = { debounceMs = 50 },
    on_exit = function(code)
      exit_code = code
    end,
  })
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()

  wait_for("the leakwatch client to attach", function()
    return require("leakwatch").client(buf) ~= nil
  end)
  local client = require("leakwatch").client(buf)

  local diag
  wait_for("a " .. RULE .. " diagnostic", function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == RULE or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == RULE) then
        diag = d
        return true
      end
    end
    return false
  end)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local want_line
  for i, l in ipairs(lines) do
    if l:find("addEventListener", 1, true) then
      want_line = i - 1
      break
    end
  end
  if diag.lnum ~= want_line then
    fail(string.format("diagnostic on line %d, want %d", diag.lnum, want_line))
  end
  if diag.source ~= "leakwatch" then
    fail("diagnostic source " .. tostring(diag.source))
  end
  out(string.format("got %s on line %d: %s", RULE, diag.lnum + 1, diag.message))

  local lsp_diag = diag.user_data and diag.user_data.lsp
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag and lsp_diag.range or {
      start = { line = diag.lnum, character = diag.col },
      ["end"] = { line = diag.end_lnum or diag.lnum, character = diag.end_col or diag.col },
    },
    context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, DEADLINE_MS)
  if not responses then
    fail("no answer to textDocument/codeAction")
  end
  local actions = {}
  for _, resp in pairs(responses) do
    if resp.err then
      fail("codeAction error: " .. vim.inspect(resp.err))
    end
    for _, a in ipairs(resp.result or {}) do
      table.insert(actions, a)
    end
  end
  local chosen
  for _, a in ipairs(actions) do
    if a.isPreferred and a.kind == "quickfix" and not a.title:find("^Ignore") then
      chosen = a
      break
    end
  end
  -- The rule's own fix, never the suppression action.
  if not chosen then
    fail("the rule offers no preferred fix among " .. vim.inspect(vim.tbl_map(function(a) return a.title end, actions)))
  end
  if not chosen.edit then
    -- Neovim declares codeAction/resolve support for edits, so the server
    -- leaves them out; resolve the chosen one, as vim.lsp.buf.code_action does.
    local resolved = vim.lsp.buf_request_sync(buf, "codeAction/resolve", chosen, DEADLINE_MS)
    for _, resp in pairs(resolved or {}) do
      if resp.err then
        fail("codeAction/resolve error: " .. vim.inspect(resp.err))
      end
      chosen = resp.result or chosen
    end
    if not chosen.edit then
      fail("the resolved action has no edit: " .. vim.inspect(chosen))
    end
  end
  out("applying: " .. chosen.title)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  local expected_path = os.getenv("LEAKWATCH_EXPECTED")
  if expected_path then
    local f = assert(io.open(expected_path, "rb"))
    local expected = f:read("*a")
    f:close()
    local got = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
    if got ~= expected then
      fail("fixed text differs from " .. expected_path .. ":\n" .. got)
    end
    out("the fixed text is exactly " .. expected_path)
  end

  wait_for("the diagnostic to go away after the fix", function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == RULE or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == RULE) then
        return false
      end
    end
    return true
  end)
  out("the diagnostic is gone")

  require("leakwatch").client_call(client, "stop")
  wait_for("the server to exit", function()
    return exit_code ~= nil
  end)
  if exit_code ~= 0 then
    fail("server exit code " .. tostring(exit_code) .. " after shutdown")
  end
  out("ok (neovim " .. vim.version().major .. "." .. vim.version().minor .. "): " .. chosen.title)
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
vim.cmd("qall!")
