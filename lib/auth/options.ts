import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ABSOLUTE_MS } from "@/lib/domain/session-policy";
import { AppError } from "@/lib/errors";
import { revokeAuthSession } from "@/lib/server/auth-sessions";
import { ipFromHeaders } from "@/lib/server/request";
import { signInWithPassword } from "@/lib/server/sign-in";
import { signInSchema } from "@/lib/validation/auth";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
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
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
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
          );
          return result ? { id: result.userId, sid: result.sessionId } : null;
        } catch (e) {
          if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
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
