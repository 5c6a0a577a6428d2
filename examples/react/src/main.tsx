import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Messages } from './Messages.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Messages />
  </StrictMode>,
);
