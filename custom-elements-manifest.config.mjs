// `npm run analyze` writes custom-elements.json from the components' JSDoc.
// test/unit/manifest.test.ts fails when the committed file is stale.
export default {
  // The elements, and the base they share (its public `store` property is theirs).
  globs: ['src/components/**/*.component.ts', 'src/components/shared/store-element.ts'],
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Private and protected members are not part of the contract.
      name: 'public-only',
      packageLinkPhase({ customElementsManifest }) {
        // The file system lists files in no fixed order: sort, so the manifest is the same on every machine.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            declaration.members = declaration.members?.filter((m) => !m.privacy || m.privacy === 'public');
          }
        }
      },
    },
  ],
};
