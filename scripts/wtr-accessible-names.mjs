// A web-test-runner plugin that reads Chromium's accessibility tree, for the names
// assistive technology really gets (Playwright no longer offers a snapshot):
//   'im-accessible-names' with { role } → the names of every node with that role, in order;
//   'im-focused' → { role, name, description } of the node that has focus, as a screen reader hears it;
//   'im-by-role' with { role, key } → { name, description } of every node with that role, in order, each
//     node's element put in the page's `window[key]` array at the same index (for test/components/helpers.ts's byRole);
//   'im-permission' with { name, granted } → grants the page's origin a browser permission ('notifications'), or
//     takes every granted one back (a reader who has not answered the browser's question yet).
// Shadow roots are no barrier: the tree is the flattened one a screen reader sees.
// The first three are Chromium's: Firefox and WebKit offer no way to read their tree, and
// test/components/helpers.ts computes it in the page there.
// 'im-permission' works in Chromium and Firefox; WebDriver (WebKit) has no way to grant one.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function accessibleNamesPlugin() {
  return {
    name: 'im-accessible-names',
    async executeCommand({ command, payload, session }) {
      if (command === 'im-by-role') return byRole(session, payload);
      if (command === 'im-permission') return permission(session, payload);
      if (command !== 'im-accessible-names' && command !== 'im-focused') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        if (command === 'im-accessible-names') {
          return nodes.filter((n) => !n.ignored && n.role?.value === payload.role).map((n) => n.name?.value ?? '');
        }
        // The page itself counts as focused too: the deepest focused node is the one.
        const focused = nodes.filter((n) => n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value?.value === true)).at(-1);
        if (!focused) return null;
        return { role: focused.role?.value ?? '', name: focused.name?.value ?? '', description: focused.description?.value ?? '' };
      } finally {
        await cdp.detach();
      }
    },
  };
}

/** The nodes of a role, handed to the page as elements (a node without an element of its own, such as text, has none). */
async function byRole(session, { role, key }) {
  const page = session.browser.getPage(session.id);
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const found = nodes.filter((n) => !n.ignored && n.role?.value === role && n.backendDOMNodeId);
    for (const [index, node] of found.entries()) {
      // Resolved in the page's main world, where the tests run.
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
      await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: 'function (key, index) { (window[key] ??= [])[index] = this; }',
        arguments: [{ value: key }, { value: index }],
      });
    }
    return found.map((n) => ({ name: n.name?.value ?? '', description: n.description?.value ?? '' }));
  } finally {
    await cdp.detach();
  }
}

async function permission(session, { name, granted }) {
  if (session.browser.type === 'webdriver') throw new Error(`WebDriver cannot grant or take back a permission ('${name}') in ${session.browser.name}`);
  const page = session.browser.getPage(session.id);
  if (session.browser.type === 'puppeteer') {
    const context = page.browserContext();
    if (granted) await context.overridePermissions(new URL(page.url()).origin, [name]);
    else await context.clearPermissionOverrides();
    return true;
  }
  if (granted) await page.context().grantPermissions([name], { origin: new URL(page.url()).origin });
  else await page.context().clearPermissions();
  return true;
}
