// The strict-CSP host page's own script, from a file of its origin (no inline script is allowed).
const token = new URLSearchParams(location.search).get('token');
document.querySelector('im-messenger').tokenFactory = () => token;
