-- leakwatch for Neovim: starts `leakwatch lsp` for JavaScript and TypeScript
-- buffers. Works on Neovim 0.7 (vim.lsp.start_client) through 0.11
-- (vim.lsp.start); on 0.11 you may instead use the config in
-- lsp/leakwatch.lua with vim.lsp.enable("leakwatch").
--
--   require("leakwatch").setup({
--     cmd = { "leakwatch", "lsp" },         -- the binary to run
--     init_options = { debounceMs = 150 },  -- and {rules = {...}} overrides
--     settings = { rules = { ["unbounded-cache"] = "off" } },
--   })
local M = {}

M.defaults = {
  name = "leakwatch",
  cmd = { "leakwatch", "lsp" },
  filetypes = {
    "javascript", "javascriptreact", "javascript.jsx",
    "typescript", "typescriptreact", "typescript.tsx",
    "vue", "svelte",
  },
  -- The first of these found upwards from the file is the workspace root.
  root_markers = { ".leakwatch.json", "package.json", ".git" },
  -- Sent in initialize: {debounceMs = n, rules = {...}, ignore = {...}}.
  init_options = {},
  -- Sent with workspace/didChangeConfiguration as {leakwatch = settings}.
  settings = {},
  on_attach = nil,
  on_exit = nil,
  capabilities = nil,
}

local config = nil
-- Neovim 0.11 wants client methods called with ":"; before it they are
-- plain functions.
local method_calls = vim.fn.has("nvim-0.11") == 1

local function client_call(client, name, ...)
  if method_calls then
    return client[name](client, ...)
  end
  return client[name](...)
end
M.client_call = client_call
-- Neovim 0.7 has no vim.lsp.start: we keep one client per root ourselves.
local clients_by_root = {}

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= "" and dirname(vim.fn.fnamemodify(name, ":p")) or vim.loop.cwd()
  if vim.fs and vim.fs.find then
    local found = vim.fs.find(markers, { path = dir, upward = true })[1]
    if found then
      return dirname(found)
    end
    return dir
  end
  for _, marker in ipairs(markers) do
    local file = vim.fn.findfile(marker, dir .. ";")
    if file ~= "" then
      return dirname(vim.fn.fnamemodify(file, ":p"))
    end
    local folder = vim.fn.finddir(marker, dir .. ";")
    if folder ~= "" then
      return dirname(vim.fn.fnamemodify(folder, ":p:h"))
    end
  end
  return dir
end

local function client_config(root)
  local capabilities = config.capabilities or vim.lsp.protocol.make_client_capabilities()
  return {
    name = config.name,
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = config.init_options,
    settings = { leakwatch = config.settings },
    capabilities = capabilities,
    on_attach = config.on_attach,
    on_exit = config.on_exit,
    on_init = function(client)
      if next(config.settings) ~= nil then
        client_call(client, "notify", "workspace/didChangeConfiguration", { settings = { leakwatch = config.settings } })
      end
    end,
  }
end

-- attach starts (or reuses) the client for the buffer's root.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not config then
    M.setup({})
  end
  if vim.bo[bufnr].buftype ~= "" then
    return
  end
  local root = find_root(bufnr, config.root_markers)
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config(root))
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- client returns the leakwatch client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local clients
  if vim.lsp.get_clients then
    clients = vim.lsp.get_clients({ bufnr = bufnr })
  else
    clients = vim.lsp.buf_get_clients(bufnr)
  end
  for _, c in pairs(clients) do
    if c.name == (config and config.name or "leakwatch") then
      return c
    end
  end
end

-- check_workspace asks the server to analyse every file of the workspace.
function M.check_workspace()
  local c = M.client()
  if not c then
    vim.notify("leakwatch is not running for this buffer", vim.log.levels.WARN)
    return
  end
  client_call(c, "request", "workspace/executeCommand", { command = "leakwatch.checkWorkspace" }, function(err, result)
    if err then
      vim.notify("leakwatch: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif result then
      vim.notify(string.format("leakwatch: %d findings in %d of %d files",
        result.findings or 0, result.filesWithFindings or 0, result.files or 0))
    end
  end)
end

function M.setup(opts)
  config = vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup("leakwatch", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("LeakwatchCheckWorkspace", M.check_workspace, {})
  -- Buffers already open when setup runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
