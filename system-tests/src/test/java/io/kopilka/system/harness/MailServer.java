package io.kopilka.system.harness;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's mail server: a minimal SMTP server (no TLS, no authentication) that keeps every
 * message, with its body decoded from quoted-printable or base64.
 */
public final class MailServer implements AutoCloseable {

  /** A message as delivered: recipients and the decoded text. */
  public record Mail(List<String> to, String text) {}

  private static final Pattern ENCODING =
      Pattern.compile("(?im)^Content-Transfer-Encoding:\\s*(\\S+)");

  private final ServerSocket socket;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Mail> mails = new ArrayList<>();

  MailServer() {
    try {
      socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor.execute(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The first group of {@code pattern} in the newest mail to {@code address} that has it. */
  public Optional<String> latest(String address, Pattern pattern) {
    synchronized (mails) {
      for (int i = mails.size() - 1; i >= 0; i--) {
        Mail mail = mails.get(i);
        Matcher m = pattern.matcher(mail.text());
        if (mail.to().contains(address) && m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        executor.execute(() -> converse(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream()) {
      reply(out, "220 mail.system-test ESMTP");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          reply(out, "250 mail.system-test");
        } else if (command.startsWith("RCPT TO:")) {
          recipients.add(line.substring(8).trim().replaceAll("[<>]", ""));
          reply(out, "250 OK");
        } else if (command.equals("DATA")) {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          StringBuilder data = new StringBuilder();
          while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
          }
          synchronized (mails) {
            mails.add(new Mail(List.copyOf(recipients), decode(data.toString())));
          }
          recipients.clear();
          reply(out, "250 OK: queued");
        } else if (command.equals("QUIT")) {
          reply(out, "221 Bye");
          return;
        } else {
          // MAIL FROM, RSET, NOOP
          reply(out, "250 OK");
        }
      }
    } catch (IOException closed) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The message's body, decoded by its transfer encoding. */
  static String decode(String message) {
    int split = message.indexOf("\r\n\r\n");
    String headers = split < 0 ? message : message.substring(0, split);
    String body = split < 0 ? "" : message.substring(split + 4);
    Matcher m = ENCODING.matcher(headers);
    String encoding = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "7bit";
    return switch (encoding) {
      case "base64" -> new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      case "quoted-printable" -> quotedPrintable(body);
      default -> body;
    };
  }

  private static String quotedPrintable(String body) {
    String joined = body.replace("=\r\n", "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c == '=' && i + 2 < joined.length()) {
        bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    executor.shutdownNow();
  }
}
