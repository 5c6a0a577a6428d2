// A web-test-runner plugin that reads Chromium's accessibility tree, for the names
// assistive technology really gets (Playwright no longer offers a snapshot):
//   'im-accessible-names' with { role } → the names of every node with that role, in order;
//   'im-focused' → { role, name, description } of the node that has focus, as a screen reader hears it.
// Shadow roots are no barrier: the tree is the flattened one a screen reader sees.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function accessibleNamesPlugin() {
  return {
    name: 'im-accessible-names',
    async executeCommand({ command, payload, session }) {
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
