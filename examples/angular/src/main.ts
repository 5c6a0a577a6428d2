import { provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { Messages } from './app/messages';

bootstrapApplication(Messages, { providers: [provideBrowserGlobalErrorListeners()] }).catch((err) => console.error(err));
