// Build of the browser UI into build/web (cmake target `web`): Element Plus
// components imported per use (unplugin-vue-components), admin pages split
// into lazily loaded chunks by the router, no CDN: every asset is bundled.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

export default defineConfig({
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    outDir: process.env.PX_WEB_OUT || '../build/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': process.env.PX_API || 'http://127.0.0.1:8080' } },
});
