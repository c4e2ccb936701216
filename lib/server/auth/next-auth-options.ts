import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectUrl } from "@/lib/domain/auth/callback-url";
import { ABSOLUTE_MS } from "@/lib/domain/auth/session-policy";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ipFromHeaders } from "@/lib/server/core/request";
import { signInSchema } from "@/lib/validation/auth";
import { revokeAuthSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { SignInCodeError } from "./two-step";

export const authOptions: NextAuthOptions = {
  // Read when a request needs it, so that building the app needs no secret.
  get secret() {
    return serverEnv().NEXTAUTH_SECRET;
  },
  // The cookie only carries the session id; idle and absolute limits, sign-out
  // everywhere and disabling are checked against the database on every request.
  session: { strategy: "jwt", maxAge: ABSOLUTE_MS / 1000, updateAge: ABSOLUTE_MS / 1000 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code from your authenticator app", type: "text" },
        recoveryCode: { label: "Recovery code", type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.omit({ code: true, recoveryCode: true }).safeParse(credentials ?? {});
        if (!parsed.success) return null;
        // A code that is not 6 digits is a wrong code (counted), not a wrong password. A recovery
        // code, when one is sent, goes in its place (checkSignInCode tells them apart).
        const code = signInSchema.shape.code.safeParse(credentials?.code);
        const recovery = signInSchema.shape.recoveryCode.safeParse(credentials?.recoveryCode);
        const typed = !recovery.success
          ? "wrong"
          : recovery.data !== undefined
            ? recovery.data
            : code.success
              ? code.data
              : "wrong";
        const headers = new Headers();
        for (const [k, v] of Object.entries(req?.headers ?? {})) {
          if (typeof v === "string") headers.set(k, v);
        }
        try {
          const result = await signInWithPassword(
            parsed.data.email,
            parsed.data.password,
            ipFromHeaders(headers),
            headers.get("user-agent"),
            new Date(),
            typed,
          );
          return result ? { id: result.userId, sid: result.sessionId } : null;
        } catch (e) {
          if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
          // The form asks for the code, or says it was wrong or that attempts are used up.
          if (e instanceof SignInCodeError) throw new Error(e.reason);
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) return { sub: user.id, sid: user.sid };
      return token;
    },
    // Only a path of this app, whatever callbackUrl says; anything else goes to the root
    // (docs/security.md S12). next-auth's own default throws on a value that does not parse.
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    // Only the session id reaches the browser's session object.
    session({ session, token }) {
      return { expires: session.expires, sid: token.sid };
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await revokeAuthSession(token.sid);
    },
  },
};
