// The browser UI of pingxuan: Vue 3, Element Plus (per component), vue-router, vue-i18n.
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import './style.css';
import App from './App.vue';
import { router } from './router.js';
import { i18n } from './i18n/index.js';

createApp(App).use(i18n).use(router).mount('#app');
