import { createApp, type Component } from 'vue';
import './theme.css';

/** Starts one page of the app in its #app element. */
export function mountPage(page: Component): void {
  createApp(page).mount('#app');
}
