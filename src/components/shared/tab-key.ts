/**
 * The Tab key, with Shift or without. WebKitGTK names Shift+Tab's key "Unidentified" (GTK's
 * ISO_Left_Tab); its code is "Tab" there too.
 */
export const isTabKey = (event: KeyboardEvent) => event.key === 'Tab' || event.code === 'Tab';
