import { createApp } from 'vue';
import Messages from './Messages.vue';

createApp(Messages).mount('#app');
