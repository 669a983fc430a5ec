/** The development provider's own sign-in and sign-up pages: plain HTML forms, Bahasa Indonesia first, no scripts. */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#f4f6f8;color:#1b1f24}
main{max-width:24rem;margin:2rem auto;background:#fff;padding:1.25rem;border-radius:.5rem}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #6b7280;border-radius:.3rem}
button{margin-top:1rem;width:100%;padding:.7rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:.3rem}
.error{color:#a4161a;font-weight:600}.note{color:#4b5563;font-size:.9rem}a{color:#0b5cad}
</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function signInPage(uid: string, error?: string): string {
  return page(
    'Masuk ke Prakerja',
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">E-mail</label><input id="login" name="login" type="email" autocomplete="username" required>
<label for="password">Kata sandi</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Masuk</button></form>
<p>Belum punya akun? <a href="/interaction/${escape(uid)}/signup">Daftar</a></p>
<p class="note">Penyedia identitas pengembangan (development identity provider).</p>`,
  );
}

export function signUpPage(uid: string, error?: string): string {
  return page(
    'Buat akun Prakerja',
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/signup">
<label for="login">E-mail</label><input id="login" name="login" type="email" autocomplete="email" required>
<label for="password">Kata sandi (minimal 8 karakter)</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">Buat akun</button></form>
<p>Sudah punya akun? <a href="/interaction/${escape(uid)}">Masuk</a></p>`,
  );
}

export const SIGN_UP_PROBLEMS: Record<string, string> = {
  INVALID_EMAIL: 'Alamat e-mail tidak valid',
  PASSWORD_TOO_SHORT: 'Kata sandi minimal 8 karakter',
  LOGIN_TAKEN: 'E-mail ini sudah terdaftar; silakan masuk',
};
