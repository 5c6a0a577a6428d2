// A web-test-runner plugin that reads Chromium's accessibility tree, for the names
// assistive technology really gets (Playwright no longer offers a snapshot):
//   'im-accessible-names' with { role } → the names of every node with that role, in order.
// Shadow roots are no barrier: the tree is the flattened one a screen reader sees.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function accessibleNamesPlugin() {
  return {
    name: 'im-accessible-names',
    async executeCommand({ command, payload, session }) {
      if (command !== 'im-accessible-names') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes.filter((n) => !n.ignored && n.role?.value === payload.role).map((n) => n.name?.value ?? '');
      } finally {
        await cdp.detach();
      }
    },
  };
}
