/* SPDX-License-Identifier: MIT */
/*
 * help.c: every help page of the cloudvet command, as data (see help.h).
 *
 * A page is its synopsis, what the command does, its own options, the
 * shared option groups it takes (registry and online checks, input
 * limits, the common options), its exit codes and examples; every text
 * is given in Japanese and in English. Options are listed one entry each
 * so that no string literal grows past what C guarantees (4095 bytes)
 * and so that tests/cli can check that every option of main.c's table is
 * on the page of every command that takes it. docs/cloudvet.1 says the
 * same in English.
 */
#include "help.h"

#include <string.h>

#include "cli.h"
#include "write.h"

struct text {
    const char *ja;
    const char *en;
};

/* One option: how it is written, then what it does (lines separated by
 * '\n'), with its default. */
struct opt_help {
    const char *spelling;
    struct text what;
};

/* Option groups that several commands share. */
enum {
    SH_CHECKS = 1u << 0, /* registry lookup and --online (evaluate, check) */
    SH_LIMITS = 1u << 1, /* bounds on one submission (evaluate, check) */
    SH_COMMON = 1u << 2, /* every command */
    SH_PROFILE = 1u << 3, /* --profile, first of the command's own options */
    SH_WORKBOOK = 1u << 4 /* how workbooks are read (evaluate, check) */
};

struct page {
    const char *name; /* the command's words, as typed */
    struct text synopsis;
    struct text summary; /* one line, for the overview */
    struct text body;
    const struct opt_help *opts; /* its own options; NULL-ended, or NULL */
    unsigned shared;
    struct text exits;
    struct text examples;
};

#define END_OPTS { NULL, { NULL, NULL } }

/* Where a text names the report formats: put_indented writes the names
 * of the library's table of writers there, so a new format is listed
 * without an edit here. */
#define FORMATS "{formats}"

/* ---- option groups ------------------------------------------------------ */

static const struct opt_help profile_opt[] = {
    { "--profile ID|FILE",
      { "評価プロファイル: 基準ディレクトリの profiles/ にある ID か、\n"
        "プロファイルファイルのパス (既定: tokki5-cloud)",
        "the evaluation profile: an ID of profiles/ in the criteria\n"
        "directory, or the path of a profile file (default: tokki5-cloud)" } },
    END_OPTS
};

static const struct opt_help checks_opts[] = {
    { "--registry DIR",
      { "ISMAP リストのスナップショットを探すディレクトリ\n"
        "(既定: $XDG_DATA_HOME/cloudvet/registry、なければ\n"
        "~/.local/share/cloudvet/registry)。評価日以前で最新のものを使います",
        "where the ISMAP list snapshots are (default:\n"
        "$XDG_DATA_HOME/cloudvet/registry, else\n"
        "~/.local/share/cloudvet/registry); the newest dated on or before\n"
        "the evaluation date is used" } },
    { "--registry-max-age DAYS",
      { "これより古いスナップショットを報告書で「古い」と示す\n"
        "(1〜36500、既定: 30)",
        "flag a snapshot older than this as stale in the report\n"
        "(1 to 36500, default: 30)" } },
    { "--no-registry",
      { "ISMAP 登録番号を照合しない (報告書にその旨を書きます)",
        "do not look ISMAP numbers up (the report says so)" } },
    { "--online",
      { "証跡、SLA、分離の URL をすべて確認する (HEAD、次に小さな GET)。\n"
        "SSRF 対策で内部のアドレスには接続しません (既定: 確認しない)",
        "request every evidence, SLA and isolation URL (HEAD, then a\n"
        "small GET) behind an SSRF guard (default: no request is made)" } },
    { "--allow-private",
      { "--online でループバックやプライベートアドレスへの接続を許す\n"
        "(庁内ネットワーク用。既定: 許さない)",
        "let --online reach loopback and private addresses (an intranet;\n"
        "default: blocked)" } },
    { "--connect-timeout S",
      { "接続のタイムアウト秒数 (1〜600、既定: 5)",
        "connect timeout in seconds (1 to 600, default: 5)" } },
    { "--timeout S",
      { "URL ごとのタイムアウト秒数、リダイレクト込み (1〜600、既定: 15)",
        "time allowed per URL, redirects included, in seconds\n"
        "(1 to 600, default: 15)" } },
    { "--max-parallel N",
      { "同時に行う要求の数 (1〜64、既定: 8)",
        "requests at once (1 to 64, default: 8)" } },
    { "--max-per-host N",
      { "ホストごとの同時接続数。全ワーカーの合計 (1〜16、既定: 2)",
        "connections per host at once, all workers together\n"
        "(1 to 16, default: 2)" } },
    { "--max-links N",
      { "提出ごとに確認する異なる URL の上限。超えた分は未確認とし、\n"
        "警告で件数を示します (1〜4096、既定: 256)",
        "distinct URLs checked per submission; the rest are not checked\n"
        "and a warning gives the count (1 to 4096, default: 256)" } },
    { "--online-budget S",
      { "提出ごとのリンク確認の時間の予算、秒 (1〜3600、既定: 60)。\n"
        "尽きると残りの URL は未確認 (予算切れ) になります",
        "time for the link checks of one submission, in seconds\n"
        "(1 to 3600, default: 60); URLs left then are not checked\n"
        "(time budget), and a warning says so" } },
    { "--online-run-budget S",
      { "実行全体のリンク確認の時間の予算、秒 (1〜86400、既定: 600)。\n"
        "尽きた後の提出の URL は未確認になります",
        "time for the link checks of the whole run, in seconds\n"
        "(1 to 86400, default: 600); after it, URLs are not checked" } },
    { "--resolve HOST:PORT:ADDR",
      { "名前を固定のアドレスに解決する (curl と同じ。SSRF 対策は\n"
        "そのアドレスにも適用されます)。16 回まで指定可 (既定: なし)",
        "pin a name to an address, like curl's option (the SSRF guard\n"
        "still applies); up to 16 times (default: none)" } },
    { "--ca-file FILE",
      { "追加の CA 証明書バンドル (既定: システムの CA のみ)",
        "an extra CA bundle (default: the system's CAs only)" } },
    END_OPTS
};

static const struct opt_help diff_opts[] = {
    { "--format text|html|json",
      { "出力の形式 (既定: text)。json は cloudvet-diff/1 (docs/diff.md)",
        "the output's format (default: text); json is cloudvet-diff/1\n"
        "(docs/diff.md)" } },
    { "--as-of YYYY-MM-DD",
      { "二つの提出物を評価する日付。両方に同じ日付を使います\n"
        "(既定: 今日)",
        "the date both submissions are evaluated on (default: today)" } },
    { "--mapping FILE",
      { "チェックシート (Excel) をこの対応表で読む (docs/mappings.md)",
        "read check sheets (Excel) through this mapping file\n"
        "(docs/mappings.md)" } },
    END_OPTS
};

static const struct opt_help verify_opts[] = {
    { "--key PUB",
      { "署名をこの公開鍵 (PEM。秘密鍵ならその公開鍵) で確かめる\n"
        "(既定: record.sig に埋め込まれた公開鍵。署名者の鍵は固定されて\n"
        "いないと表示します)",
        "check the signature against this public key (PEM; a private\n"
        "key's public half is used) (default: the key record.sig embeds,\n"
        "saying that the signer's key was not pinned)" } },
    { "--rerun",
      { "記録された evaluate を一時ディレクトリにもう一度実行し、すべての\n"
        "出力をバイト単位で比べる (オンラインでリンクを確かめた実行は\n"
        "再現できません)",
        "run the recorded evaluate again into a temporary directory and\n"
        "compare every output byte for byte (a run that checked links\n"
        "online cannot be re-run)" } },
    END_OPTS
};

static const struct opt_help workbook_opts[] = {
    { "--mapping FILE",
      { "チェックシート (Excel) をこの対応表で読む (docs/mappings.md)。\n"
        "既定: cloudvet の回答票はそのまま、ほかは組み込みの対応表のうち\n"
        "当てはまる一つ (METI チェックリスト、CSA CAIQ v4.0 など)",
        "read check sheets (Excel) through this mapping file\n"
        "(docs/mappings.md); default: cloudvet's own workbook as it is,\n"
        "any other by the one built-in mapping that fits it (the METI\n"
        "check list, CSA CAIQ v4.0, ...)" } },
    { "--vendor NAME",
      { "事業者名を書いていないワークブックの事業者名 (既定: ファイル名)",
        "the vendor of a workbook that does not name it (default: the\n"
        "file name)" } },
    { "--service NAME",
      { "サービス名を書いていないワークブックのサービス名 (既定: ファイル名)",
        "the service of a workbook that does not name it (default: the\n"
        "file name)" } },
    END_OPTS
};

static const struct opt_help limits_opts[] = {
    { "--max-input-bytes N",
      { "読み込む提出ファイルの最大サイズ (2G まで、既定: 16M)",
        "largest submission read (at most 2G, default: 16M)" } },
    { "--max-depth N",
      { "オブジェクトや要素の入れ子の最大の深さ (2048 まで、既定: 64)",
        "deepest nesting of objects or elements (at most 2048,\n"
        "default: 64)" } },
    { "--max-nodes N",
      { "一つの提出ファイルの値の最大数 (1G まで、既定: 200000)",
        "most values in one submission (at most 1G, default: 200000)" } },
    { "--max-string-bytes N",
      { "文字列の値の最大バイト数 (1G まで、既定: 1M)\n"
        "N は数値で、K、M、G を付けられます。上限を超えた提出は invalid です",
        "longest string value (at most 1G, default: 1M)\n"
        "N is a number, optionally with K, M or G; a submission over a\n"
        "limit is invalid" } },
    END_OPTS
};

static const struct opt_help common_opts[] = {
    { "--criteria DIR",
      { "基準ディレクトリ (カタログ、プロファイル、データ表)。\n"
        "指定がなければ次の順に探します:\n"
        "  1. 環境変数 CLOUDVET_CRITERIA\n"
        "  2. <prefix>/" CV_INSTALL_CRITERIA_REL " (あれば。<prefix> は\n"
        "     実行ファイルのあるディレクトリの親: bin/cloudvet の ..)\n"
        "  3. ビルド時の既定: " CV_CRITERIA_DIR,
        "the criteria directory (catalogue, profiles, tables). Without\n"
        "it, the first of:\n"
        "  1. the environment variable CLOUDVET_CRITERIA\n"
        "  2. <prefix>/" CV_INSTALL_CRITERIA_REL " if it exists, where\n"
        "     <prefix> is the parent of the executable's directory\n"
        "     (.. of bin/cloudvet)\n"
        "  3. the build's default: " CV_CRITERIA_DIR } },
    { "--lang ja|en",
      { "メッセージと報告書の言語 (既定: ja)。コマンドの前後どちらにも置けます",
        "language of messages and reports (default: ja); before or after\n"
        "the command" } },
    { "--help",
      { "このページを表示する (cloudvet help COMMAND と同じ)",
        "show this page (the same as cloudvet help COMMAND)" } },
    { "--version",
      { "版を表示する", "show the version" } },
    END_OPTS
};

/* ---- the commands' own options ------------------------------------------ */

static const struct opt_help evaluate_opts[] = {
    { "--as-of YYYY-MM-DD",
      { "評価日: 証明書の有効期限などをこの日で判定します (既定: 今日)",
        "the evaluation date: certificates and the like are judged on it\n"
        "(default: today)" } },
    { "--format LIST",
      { FORMATS "\n"
        "から選んだ形式をコンマ区切りで (既定: json, html, csv, md, xlsx。\n"
        "--out - では json)。ndjson は提出ごとに一行を結果が出たそばから\n"
        "書き、順位は null です。oscal-ar と oscal-ar-xml は OSCAL の\n"
        "評価結果 (assessment results) です",
        "formats, comma-separated, out of\n" FORMATS "\n"
        "(default: json, html, csv, md and xlsx; json with --out -).\n"
        "ndjson writes one line per submission as results are ready; its\n"
        "rank is null. oscal-ar and oscal-ar-xml: OSCAL assessment results" } },
    { "--out DIR|-",
      { "報告書を書き出すディレクトリ、- なら標準出力に一形式だけ\n"
        "(既定: reports)。一式 (record.json 付き) を一度に丸ごと\n"
        "置き換えます。cloudvet のもの以外が入っていれば何も変えません",
        "directory of the report set, or - for one format on standard\n"
        "output (default: reports); the whole set (with record.json) is\n"
        "replaced in one step, and a directory holding anything not\n"
        "cloudvet's is left unchanged" } },
    { "--jobs N",
      { "評価に使うスレッド数 (1〜1024、既定: CPU のコア数)。\n"
        "結果は入力の順のままです",
        "worker threads (1 to 1024, default: every core); results keep\n"
        "the input order" } },
    { "--quiet",
      { "端末での進捗表示と、最後の要約行を出さない",
        "no progress line on a terminal and no summary line" } },
    { "--files-from FILE|-",
      { "入力のパスを一行に一つ書いたファイル、- なら標準入力から読む",
        "read input paths from FILE (- for standard input), one per line" } },
    { "--tender FILE",
      { "入札案件ファイル (docs/tender.md) の方式で総合評価の順位を付ける\n"
        "(予定価格、技術点と価格点、端数処理、同点処理、最低基準点)",
        "rank the bids on the award (総合評価) by the tender file's method\n"
        "(予定価格, technical and price points, rounding, tie-break,\n"
        "最低基準点) (docs/tender.md)" } },
    { "--decisions FILE",
      { "審査委員会の判定を適用する: 判定ファイル (JSON)、または審査記入\n"
        "シートを記入した report.xlsx",
        "apply the committee's review decisions: a decisions file (JSON),\n"
        "or report.xlsx with its 審査記入 sheet filled in" } },
    { "--sign KEY",
      { "record.json を Ed25519 の秘密鍵 KEY (PEM、openssl genpkey\n"
        "-algorithm ed25519 の形式) で署名し、record.sig を一式と同時に\n"
        "書く。読めない鍵や Ed25519 でない鍵なら評価の前に終了 (終了\n"
        "コード 2) (docs/record.md)",
        "sign record.json with the Ed25519 private key KEY (PEM, as\n"
        "openssl genpkey -algorithm ed25519 writes it) and write record.sig\n"
        "with the set; a key that cannot be read or is not Ed25519 stops\n"
        "the run before anything is evaluated (exit 2) (docs/record.md)" } },
    { "--allow-mixed-tenders",
      { "入札案件 (tender.id) の違う提出物も一緒に順位付けする (既定:\n"
        "案件ごとのファイルを示して何も書かずに終了、終了コード 2)",
        "rank bids of different tenders (tender.id) together (default:\n"
        "name the files of each tender and stop without writing, exit 2)" } },
    { "--parse-only",
      { "読み込みと構文解析だけを行い、速度を表示する (性能測定用)",
        "read and parse every input, nothing else, and show the speed\n"
        "(for benchmarks)" } },
    END_OPTS
};

static const struct opt_help check_opts[] = {
    { "--as-of YYYY-MM-DD",
      { "評価日 (既定: 今日)", "the evaluation date (default: today)" } },
    { "--format text|json|sarif|junit",
      { "出力の形式 (既定: text)。json は cloudvet-check/1、sarif は\n"
        "SARIF 2.1.0 (コードレビュー用)、junit は JUnit XML (CI 用)",
        "the output's form (default: text); json is cloudvet-check/1,\n"
        "sarif is SARIF 2.1.0 (code review), junit is JUnit XML (CI)" } },
    { "--strict",
      { "警告も不合格とする (終了コード 1)",
        "make warnings fail too (exit 1)" } },
    { "--files-from FILE|-",
      { "確認するファイルのパスを一行に一つ書いたファイル (- なら標準入力)",
        "read the paths to check from FILE (- for standard input), one\n"
        "per line" } },
    END_OPTS
};

static const struct opt_help template_opts[] = {
    { "--format json|xml|xlsx",
      { "質問票の形式 (既定: json)。xlsx は Excel で記入するワークブック\n"
        "(標準出力をファイルにリダイレクトすること)",
        "the questionnaire's form (default: json); xlsx is a workbook to\n"
        "fill in Excel (redirect standard output to a file)" } },
    END_OPTS
};

static const struct opt_help lint_opts[] = {
    { "--profile ID|FILE",
      { "このプロファイル (自団体で編集したファイルなど) もカタログと照合\n"
        "する: check と条件が挙げるパラメータがあり型が合うこと、設定した\n"
        "パラメータがどれも使われていること (綴りの誤りの検出)",
        "also check this profile (such as a municipality's edited file)\n"
        "against the catalogue: every parameter its checks and conditions\n"
        "name is set with the right type, and every parameter it sets is\n"
        "used (a misspelt name is an error)" } },
    { "--seeds DIR",
      { "出典文書の本文のディレクトリ。指定すると、引用された条項を\n"
        "すべて本文の中で探します (既定: なし。条項は基準ディレクトリの\n"
        "documents.json にある文書の構成と照合します)",
        "the source documents' texts: every cited clause is also found in\n"
        "them (default: none; clauses are checked against the documents'\n"
        "outline in documents.json of the criteria directory)" } },
    END_OPTS
};

static const struct opt_help show_opts[] = {
    { "--tender FILE",
      { "入札案件ファイル: その評価方法 (方式、技術点と価格点の配分、価格点の\n"
        "式、端数処理、同点の扱い、最低基準点) も載せる。予定価格と入札価格は\n"
        "載せず、SHA-256 も変わりません",
        "a tender file: its method (technical and price points, the price\n"
        "formula, rounding, tie-break, minimum technical points) is added;\n"
        "its ceiling and prices are never shown and never move the hash" } },
    { "--format md|json|html|xlsx",
      { "形式 (既定: md)。json は正規の形で、その SHA-256 が評価基準書の\n"
        "SHA-256 です。xlsx には --out FILE が必要です",
        "the form (default: md); json is the canonical form, whose SHA-256\n"
        "is the method's; xlsx needs --out FILE" } },
    { "--out FILE|-",
      { "FILE に書く (一時ファイルに書いてから置き換えます)。- か指定なし:\n"
        "標準出力",
        "write FILE (through a temporary file renamed when complete);\n"
        "- or none: standard output" } },
    END_OPTS
};

static const struct opt_help import_opts[] = {
    { "--from URL",
      { "ファイルの代わりに URL からリストを取得する (HTTPS、SSRF 対策付き)",
        "download the list from URL instead of a file (HTTPS, behind the\n"
        "SSRF guard)" } },
    { "--columns FIELD=HEADER,...",
      { "見出しが criteria/data/ismap-list.json と違うときの対応付け\n"
        "(例: number=登録No.)。既定: 既知の見出しで探す",
        "map fields to headers that differ from\n"
        "criteria/data/ismap-list.json (e.g. number=登録No.); default:\n"
        "the known headers" } },
    { "--list-date YYYY-MM-DD",
      { "リストの日付。スナップショットの名前になります\n"
        "(既定: --as-of、つまり今日)",
        "the list's date, which names the snapshot (default: --as-of,\n"
        "that is today)" } },
    { "--as-of YYYY-MM-DD",
      { "今日の代わりに使う日付 (既定: 今日)",
        "the date to use for today (default: today)" } },
    { "--registry DIR",
      { "スナップショットを書くディレクトリ (既定:\n"
        "$XDG_DATA_HOME/cloudvet/registry、なければ\n"
        "~/.local/share/cloudvet/registry)",
        "where to write the snapshot (default:\n"
        "$XDG_DATA_HOME/cloudvet/registry, else\n"
        "~/.local/share/cloudvet/registry)" } },
    { "--allow-private",
      { "--from でループバックやプライベートアドレスを許す (既定: 許さない)",
        "let --from reach loopback and private addresses (default: "
        "blocked)" } },
    { "--connect-timeout S",
      { "--from の接続タイムアウト秒数 (1〜600、既定: 5)",
        "--from's connect timeout in seconds (1 to 600, default: 5)" } },
    { "--timeout S",
      { "--from の全体のタイムアウト秒数 (1〜600、既定: 15)",
        "--from's total timeout in seconds (1 to 600, default: 15)" } },
    { "--resolve HOST:PORT:ADDR",
      { "名前を固定のアドレスに解決する (16 回まで、既定: なし)",
        "pin a name to an address (up to 16 times, default: none)" } },
    { "--ca-file FILE",
      { "追加の CA 証明書バンドル (既定: システムの CA のみ)",
        "an extra CA bundle (default: the system's CAs only)" } },
    END_OPTS
};

static const struct opt_help list_opts[] = {
    { "--registry DIR",
      { "スナップショットのディレクトリ (既定:\n"
        "$XDG_DATA_HOME/cloudvet/registry、なければ\n"
        "~/.local/share/cloudvet/registry)",
        "the snapshots' directory (default:\n"
        "$XDG_DATA_HOME/cloudvet/registry, else\n"
        "~/.local/share/cloudvet/registry)" } },
    END_OPTS
};

/* ---- the pages ------------------------------------------------------------ */

static const struct page pages[] = {
    { "evaluate",
      { "cloudvet evaluate [オプション] INPUT...",
        "cloudvet evaluate [options] INPUT..." },
      { "提出された質問票を採点し、評価報告書を書き出す",
        "score the submissions and write the evaluation report" },
      { "INPUT はファイルかディレクトリです (ディレクトリは中の *.json と\n"
        "*.xml を再帰的に、名前順に)。すべての提出を基準で採点し、参加資格\n"
        "(qualified / disqualified / invalid)、順位、失点ごとの理由と根拠の\n"
        "条項を DIR/report.<形式> に書き出します。読めない提出は invalid と\n"
        "して報告書に載り、他の提出はそのまま評価されます。最後に標準エラー\n"
        "に要約を一行書きます: 件数、判定ごとの件数、書き出したファイル\n"
        "(標準出力なら -)。",
        "INPUT is a file or a directory (its *.json and *.xml files,\n"
        "recursively, sorted by name). Every submission is scored against\n"
        "the criteria, and DIR/report.<format> gets the verdicts\n"
        "(qualified, disqualified, invalid), the ranking, and for every\n"
        "lost point the reason and the clause. A submission that cannot be\n"
        "read is listed as invalid; the others are still evaluated. At the\n"
        "end one summary line goes to standard error: how many\n"
        "submissions, how many of each verdict, and the files written\n"
        "(- for standard output)." },
      evaluate_opts,
      SH_PROFILE | SH_CHECKS | SH_WORKBOOK | SH_LIMITS | SH_COMMON,
      { "  0  すべて評価し、報告書を書いた\n"
        "  2  使い方の誤り\n"
        "  3  無効な提出があった (報告書は書かれ、その提出も載ります)、\n"
        "     または登録簿のスナップショットを読めない\n"
        "  4  基準、プロファイル、データ表の誤り\n"
        "  5  報告書を書けなかった (書き込めない、容量不足、別の実行が\n"
        "     書き込み中、cloudvet のものでないファイルがある、メモリ不足)。\n"
        "     以前の報告書はそのまま\n"
        "  7  書けなかった形式がある (ほかの形式は書き、record.json に\n"
        "     理由があります。3 より優先)",
        "  0  every submission evaluated, the reports written\n"
        "  2  usage error\n"
        "  3  a submission was invalid (the reports are written and list\n"
        "     it), or the registry snapshot cannot be read\n"
        "  4  the criteria, profile or a data table is invalid\n"
        "  5  the reports were not written (unwritable or full directory,\n"
        "     another run writing it, a file in it that is not cloudvet's,\n"
        "     out of memory); the previous set is left as it was\n"
        "  7  some formats could not be written (the others are, and\n"
        "     record.json says why; takes precedence over 3)" },
      { "  cloudvet evaluate --as-of 2026-11-21 samples/\n"
        "  cloudvet evaluate --format html,xlsx --out 評価 入札/\n"
        "  ls 入札/*.json | cloudvet evaluate --files-from - --format ndjson "
        "--out -",
        "  cloudvet --lang en evaluate --as-of 2026-11-21 samples/\n"
        "  cloudvet evaluate --format html,xlsx --out review bids/\n"
        "  ls bids/*.json | cloudvet evaluate --files-from - --format ndjson "
        "--out -" } },
    { "check",
      { "cloudvet check [オプション] FILE...",
        "cloudvet check [options] FILE..." },
      { "提出前の自己点検: 診断と満たさない基準を表示する",
        "pre-validate a submission: diagnostics and unmet criteria" },
      { "事業者が提出前に使う点検です。ファイルごとに、位置付きの診断と、\n"
        "満たさない基準を根拠の条項とともに標準出力に表示します\n"
        "(file:line:col: severity: message [ID] の形で、行と列の順)。\n"
        "FILE が - なら標準入力を読みます (位置では <stdin>)。",
        "The vendor's check before submitting: for each file, every\n"
        "diagnostic with its location, and every criterion not met, in\n"
        "plain words with the clause cited, on standard output\n"
        "(file:line:col: severity: message [ID], by line and column).\n"
        "FILE - reads standard input (named <stdin> in locations)." },
      check_opts,
      SH_PROFILE | SH_CHECKS | SH_WORKBOOK | SH_LIMITS | SH_COMMON,
      { "  0  すべて参加資格を満たす見込み\n"
        "  1  参加資格を満たさないものがある (エラーの診断、--strict\n"
        "     では警告があるものを含む)\n"
        "  2  使い方の誤り、または質問票として読めないファイルがある\n"
        "  3  登録簿のスナップショットを読めない\n"
        "  4  基準の誤り\n"
        "  5  メモリ不足\n"
        "  6  条件付きで満たす見込みのものがある (申告のみの必須基準を\n"
        "     人が確認する必要があります。1 と 2 が優先します)",
        "  0  every file would qualify\n"
        "  1  a file would not qualify (or has an error diagnostic;\n"
        "     with --strict, a warning)\n"
        "  2  usage error, or a file cannot be read as a questionnaire\n"
        "  3  the registry snapshot cannot be read\n"
        "  4  the criteria are invalid\n"
        "  5  out of memory\n"
        "  6  a file would qualify only on condition: a person must\n"
        "     confirm the mandatory criteria it only claims (1 and 2\n"
        "     take precedence)" },
      { "  cloudvet check 回答.json\n"
        "  cloudvet check --format sarif --no-registry 回答.json > c.sarif\n"
        "  cat 回答.xml | cloudvet check --strict -",
        "  cloudvet --lang en check answers.json\n"
        "  cloudvet check --format sarif --no-registry answers.json > c.sarif\n"
        "  cat answers.xml | cloudvet check --strict -" } },
    { "template",
      { "cloudvet template [オプション]", "cloudvet template [options]" },
      { "空の質問票を表示する", "print a blank questionnaire" },
      { "プロファイルの空の質問票を標準出力に書きます。回答ごとに、その\n"
        "質問と根拠の条項が付いています。",
        "Prints a blank questionnaire for the profile on standard output,\n"
        "each answer with its question and clause." },
      template_opts, SH_PROFILE | SH_COMMON,
      { "  0  表示した\n"
        "  2  使い方の誤り\n"
        "  4  基準の誤り\n"
        "  5  書き込めない",
        "  0  printed\n"
        "  2  usage error\n"
        "  4  the criteria are invalid\n"
        "  5  cannot write" },
      { "  cloudvet template > 回答.json\n"
        "  cloudvet template --format xml --profile full > 回答.xml\n"
        "  cloudvet template --format xlsx > 回答.xlsx",
        "  cloudvet --lang en template > answers.json\n"
        "  cloudvet template --format xml --profile full > answers.xml\n"
        "  cloudvet --lang en template --format xlsx > answers.xlsx" } },
    { "criteria lint",
      { "cloudvet criteria lint [オプション]",
        "cloudvet criteria lint [options]" },
      { "基準カタログ、プロファイル、データ表を検査する",
        "check the criteria catalogue, profiles and tables" },
      { "基準ディレクトリのカタログ、すべてのプロファイル、すべてのデータ\n"
        "表を検査し、引用された条項が出典文書にあることを確かめます。\n"
        "問題がなければ、使った基準ディレクトリを標準出力に表示します。",
        "Checks the catalogue, every profile and every data table of the\n"
        "criteria directory, and that every cited clause exists in its\n"
        "source document. Without problems it prints the criteria\n"
        "directory used on standard output." },
      lint_opts, SH_COMMON,
      { "  0  問題なし\n"
        "  2  使い方の誤り\n"
        "  4  問題がある (診断を標準エラーに表示します)\n"
        "  5  メモリ不足",
        "  0  no problems\n"
        "  2  usage error\n"
        "  4  problems found (diagnostics on standard error)\n"
        "  5  out of memory" },
      { "  cloudvet --criteria 自団体の基準 criteria lint\n"
        "  cloudvet criteria lint --profile 自団体.json\n"
        "  cloudvet criteria lint --seeds 出典/",
        "  cloudvet --criteria my-criteria criteria lint\n"
        "  cloudvet criteria lint --profile my-profile.json\n"
        "  cloudvet criteria lint --seeds sources/" } },
    { "criteria show",
      { "cloudvet criteria show [オプション]",
        "cloudvet criteria show [options]" },
      { "評価基準書 (公表する採点方法) を書く",
        "write the published scoring method" },
      { "開札前に公表する評価基準書を書きます: 基準ごとの根拠条項、要件、\n"
        "必須か加点か、配点、一部適合と申告のみの扱い、用いる値とその出典、\n"
        "集計、端数処理、同点の扱い、--tender があれば入札案件の評価方法。\n"
        "評価基準書の SHA-256 を標準エラーに表示します。--format json の\n"
        "出力の sha256sum と同じで、その入札案件の評価報告書にも記載されます。",
        "Writes the scoring method published before the bids are opened:\n"
        "each criterion's clauses, requirement, mandatory or graded, points,\n"
        "how partial and claimed results count, the values applied with\n"
        "their sources, aggregation, rounding, tie-break and, with --tender,\n"
        "the tender's method. The method's SHA-256 is printed on standard\n"
        "error: the sha256sum of the --format json output, and what every\n"
        "report of the tender shows." },
      show_opts, SH_PROFILE | SH_COMMON,
      { "  0  書いた\n"
        "  2  使い方の誤り (xlsx に --out がないなど)\n"
        "  4  基準、プロファイル、入札案件ファイルの誤り\n"
        "  5  書き込めない",
        "  0  written\n"
        "  2  usage error (such as xlsx without --out)\n"
        "  4  the criteria, profile or tender file is invalid\n"
        "  5  cannot write" },
      { "  cloudvet criteria show\n"
        "  cloudvet criteria show --format json | sha256sum\n"
        "  cloudvet criteria show --tender 案件.json --format xlsx --out "
        "評価基準書.xlsx",
        "  cloudvet --lang en criteria show\n"
        "  cloudvet criteria show --format json | sha256sum\n"
        "  cloudvet criteria show --tender tender.json --format html "
        "--out method.html" } },
    { "registry import",
      { "cloudvet registry import ismap FILE|--from URL [オプション]",
        "cloudvet registry import ismap FILE|--from URL [options]" },
      { "ISMAP クラウドサービスリストを取り込む",
        "import the ISMAP cloud service list" },
      { "ISMAP クラウドサービスリスト (.xlsx か CSV) を日本語の見出しで読み、\n"
        "日付付きのスナップショット ismap-<日付>.json として登録簿ディレクト\n"
        "リに書きます。以後の evaluate と check は ISMAP / ISMAP-LIU の登録を\n"
        "すべてこのスナップショットで照合します。",
        "Reads the ISMAP cloud service list (.xlsx or CSV), found by its\n"
        "Japanese headers, into a dated snapshot ismap-<date>.json in the\n"
        "registry directory; later evaluate and check runs look every\n"
        "ISMAP / ISMAP-LIU certification up in it." },
      import_opts, SH_COMMON,
      { "  0  取り込んだ\n"
        "  2  使い方の誤り (--columns や日付の誤りも)\n"
        "  3  リストを読めない、見出しが見つからない、取得できない\n"
        "  4  基準の誤り\n"
        "  5  スナップショットを書けない",
        "  0  imported\n"
        "  2  usage error (also a bad --columns or date)\n"
        "  3  the list cannot be read, has no header row, or the download\n"
        "     failed\n"
        "  4  the criteria are invalid\n"
        "  5  the snapshot cannot be written" },
      { "  cloudvet registry import ismap リスト.xlsx --list-date 2026-11-01\n"
        "  cloudvet registry import ismap --from https://example.go.jp/list.xlsx\n"
        "  cloudvet registry import ismap list.csv --columns "
        "'number=登録No.'",
        "  cloudvet registry import ismap ismap-list.xlsx --list-date "
        "2026-11-01\n"
        "  cloudvet registry import ismap --from https://example.go.jp/list.xlsx\n"
        "  cloudvet registry import ismap list.csv --columns "
        "'number=登録No.'" } },
    { "registry list",
      { "cloudvet registry list [オプション]",
        "cloudvet registry list [options]" },
      { "取り込んだスナップショットを一覧する",
        "show the imported snapshots" },
      { "登録簿ディレクトリのスナップショットを古い順に、ファイル名、リストの\n"
        "日付、行数、取込元をタブ区切りで表示します。",
        "Shows the snapshots of the registry directory, oldest list first:\n"
        "file name, list date, rows and source, separated by tabs." },
      list_opts, SH_COMMON,
      { "  0  表示した (スナップショットがなくても)\n"
        "  2  使い方の誤り\n"
        "  3  ディレクトリやスナップショットを読めない",
        "  0  shown (also when there is none)\n"
        "  2  usage error\n"
        "  3  the directory or a snapshot cannot be read" },
      { "  cloudvet registry list\n"
        "  cloudvet registry list --registry /srv/cloudvet/registry",
        "  cloudvet --lang en registry list\n"
        "  cloudvet registry list --registry /srv/cloudvet/registry" } },
    { "diff",
      { "cloudvet diff [オプション] 旧 新", "cloudvet diff [options] OLD NEW" },
      { "二回の提出 (又は二つの報告書) の違いを示す",
        "show what changed between two rounds" },
      { "同じ事業者の二つの提出物 (JSON、XML、ワークブックのどの形式でも) を\n"
        "同じ基準と評価日で読み、評価し、変わった回答、事実、証跡と、動いた\n"
        "結果 (状態、点数、理由) と判定を、両方のファイルでの位置とともに\n"
        "示します。同じ事実は形式が違っても違いになりません。事業者名が\n"
        "違うときは最初にそう書きます。二つの report.json では、入札ごとの\n"
        "判定、点数、順位、状態と、増えた・減った入札、評価方法 (プロファイル、\n"
        "基準、評価基準書のハッシュ) の違いを示します。報告書と提出物は\n"
        "比べられません。結果は標準出力に書きます。",
        "Reads two submissions of one vendor (JSON, XML or a workbook, in\n"
        "any mix), evaluates both with the same criteria and as-of date,\n"
        "and shows every answer, fact and evidence that changed and every\n"
        "result (status, points, reason) and verdict that moved, located in\n"
        "both files. The same facts in another form are no difference. When\n"
        "the vendor names differ, it says so first. For two report.json\n"
        "files it shows per bid the verdict, score, rank and status changes,\n"
        "the bids added or removed, and whether the method (profile,\n"
        "criteria, method hashes) differs. A report and a submission cannot\n"
        "be compared. The output goes to standard output." },
      diff_opts, SH_PROFILE | SH_COMMON,
      { "  0  違いはない\n"
        "  1  違いがある\n"
        "  2  使い方の誤り、読めない入力、報告書と提出物の組み合わせ\n"
        "  4  基準の誤り",
        "  0  no differences\n"
        "  1  differences\n"
        "  2  usage error, an unreadable input, or a report with a submission\n"
        "  4  the criteria are invalid" },
      { "  cloudvet diff 一回目/回答.json 二回目/回答.json\n"
        "  cloudvet diff --format html 回答.json 回答.xml > 差分.html\n"
        "  cloudvet diff 前回/report.json 今回/report.json",
        "  cloudvet --lang en diff round1/answers.json round2/answers.json\n"
        "  cloudvet diff --format html answers.json answers.xml > diff.html\n"
        "  cloudvet diff --format json old/report.json new/report.json" } },
    { "verify",
      { "cloudvet verify [オプション] DIR", "cloudvet verify [options] DIR" },
      { "報告書一式を record.json と署名に照らして確かめる",
        "check a report set against its record and signature" },
      { "DIR/record.json を読み、出力ファイルの大きさと SHA-256、記録にない\n"
        "ファイル、入力・入札条件・判定・対応表・登録簿ファイルの SHA-256\n"
        "(記録されたパスのまま、現在のディレクトリから)、record.sig の署名を\n"
        "確かめ、違いを一行ずつ名前を挙げて標準出力に書きます。",
        "Reads DIR/record.json and checks every output file's size and\n"
        "SHA-256, files the record does not list, the SHA-256 of every\n"
        "input and of the tender, decisions, mapping and registry files (at\n"
        "the paths recorded, relative to the current directory) and the\n"
        "signature in record.sig; every difference is named on its own line\n"
        "on standard output." },
      verify_opts, SH_COMMON,
      { "  0  記録のとおり\n"
        "  1  違いがある\n"
        "  2  使い方の誤り、読めない記録や鍵、再実行できない記録",
        "  0  everything is as recorded\n"
        "  1  something differs\n"
        "  2  usage error, an unreadable record or key, or a record that\n"
        "     cannot be re-run" },
      { "  cloudvet verify reports\n"
        "  cloudvet verify --key 署名者.pub reports\n"
        "  cloudvet verify --rerun reports",
        "  cloudvet --lang en verify reports\n"
        "  cloudvet verify --key signer.pub reports\n"
        "  cloudvet verify --rerun --lang en reports" } },
    { "help",
      { "cloudvet help [COMMAND]", "cloudvet help [COMMAND]" },
      { "コマンドの使い方を表示する", "show how to use a command" },
      { "COMMAND の使い方 (オプションとその既定値、終了コード、例) を\n"
        "標準出力に表示します。COMMAND がなければコマンドの一覧です。\n"
        "cloudvet COMMAND --help も同じです。",
        "Shows how to use COMMAND (its options with their defaults, exit\n"
        "codes, examples) on standard output; without COMMAND, the list\n"
        "of commands. cloudvet COMMAND --help does the same." },
      NULL, SH_COMMON,
      { "  0  表示した\n"
        "  2  そのようなコマンドはない",
        "  0  shown\n"
        "  2  no such command" },
      { "  cloudvet help evaluate\n"
        "  cloudvet help registry import\n"
        "  cloudvet registry list --help",
        "  cloudvet --lang en help evaluate\n"
        "  cloudvet help registry import --lang en\n"
        "  cloudvet registry list --help --lang en" } },
};

#define PAGE_COUNT (sizeof(pages) / sizeof(pages[0]))

static const struct text overview_intro = {
    "使い方: cloudvet [--lang ja|en] COMMAND [オプション] [引数...]\n"
    "\n"
    "クラウドサービスの調達で、事業者の質問票を基準カタログ (条項を\n"
    "引用した基準) に照らして採点し、評価報告書を書き出します。\n",
    "usage: cloudvet [--lang ja|en] COMMAND [options] [arguments...]\n"
    "\n"
    "Scores vendors' cloud-service questionnaires against a criteria\n"
    "catalogue whose every criterion cites its clause, and writes the\n"
    "procurement evaluation report.\n"
};

static const struct text overview_exits = {
    "  0  完了 (check: 参加資格を満たす見込み)\n"
    "  1  check: 参加資格を満たさない\n"
    "  2  使い方の誤り (check: 読めない入力)\n"
    "  3  evaluate: 無効な入力があった (報告書は書かれます)\n"
    "  4  基準の誤り\n"
    "  5  報告書を書けなかった、メモリ不足",
    "  0  done (check: would qualify)\n"
    "  1  check: would not qualify\n"
    "  2  usage error (check: unreadable input)\n"
    "  3  evaluate: an input was invalid (the report is still written)\n"
    "  4  criteria error\n"
    "  5  the report was not written, out of memory"
};

static const char *pick(const struct text *t, cv_lang lang)
{
    return L(lang, t->ja, t->en);
}

static void heading(FILE *f, cv_lang lang, const char *ja, const char *en)
{
    fprintf(f, "\n%s:\n", L(lang, ja, en));
}

/* One line, FORMATS replaced by the formats' names. */
static void put_line(FILE *f, const char *s, size_t n)
{
    const char *end = s + n;
    const size_t mark = strlen(FORMATS);
    char names[256];
    while (s < end) {
        const char *at = strstr(s, FORMATS);
        if (!at || at >= end) {
            fprintf(f, "%.*s", (int)(end - s), s);
            return;
        }
        fprintf(f, "%.*s%s", (int)(at - s), s,
                cv_cli_format_list(names, sizeof(names), ","));
        s = at + mark;
    }
}

/* Each line of `s` after `indent` spaces. */
static void put_indented(FILE *f, const char *s, int indent)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        fprintf(f, "%*s", indent, "");
        put_line(f, s, n);
        fputc('\n', f);
        s += n;
        if (*s == '\n')
            s++;
    }
}

static void put_opts(FILE *f, const struct opt_help *o, cv_lang lang)
{
    for (; o && o->spelling; o++) {
        fprintf(f, "  %s\n", o->spelling);
        put_indented(f, pick(&o->what, lang), 8);
    }
}

static void put_shared(FILE *f, unsigned shared, cv_lang lang)
{
    if (shared & SH_CHECKS) {
        heading(f, lang, "登録簿とオンライン確認", "Registry and online checks");
        put_opts(f, checks_opts, lang);
    }
    if (shared & SH_WORKBOOK) {
        heading(f, lang, "ワークブックの読み方", "Reading workbooks");
        put_opts(f, workbook_opts, lang);
    }
    if (shared & SH_LIMITS) {
        heading(f, lang, "入力の上限", "Input limits");
        put_opts(f, limits_opts, lang);
    }
    if (shared & SH_COMMON) {
        heading(f, lang, "共通オプション", "Common options");
        put_opts(f, common_opts, lang);
    }
}

static void put_page(FILE *f, const struct page *p, cv_lang lang)
{
    fprintf(f, "%s %s\n\n", L(lang, "使い方:", "usage:"),
            pick(&p->synopsis, lang));
    put_indented(f, pick(&p->body, lang), 2);
    if (p->opts || (p->shared & SH_PROFILE)) {
        heading(f, lang, "オプション", "Options");
        if (p->shared & SH_PROFILE)
            put_opts(f, profile_opt, lang);
        put_opts(f, p->opts, lang);
    }
    put_shared(f, p->shared, lang);
    heading(f, lang, "終了コード", "Exit status");
    fprintf(f, "%s\n", pick(&p->exits, lang));
    heading(f, lang, "例", "Examples");
    fprintf(f, "%s\n", pick(&p->examples, lang));
}

static void put_overview(FILE *f, cv_lang lang)
{
    size_t i;
    fputs(pick(&overview_intro, lang), f);
    heading(f, lang, "コマンド", "Commands");
    for (i = 0; i < PAGE_COUNT; i++)
        fprintf(f, "  %-16s %s\n", pages[i].name,
                pick(&pages[i].summary, lang));
    put_shared(f, SH_COMMON, lang);
    heading(f, lang, "終了コード", "Exit status");
    fprintf(f, "%s\n\n", pick(&overview_exits, lang));
    fputs(L(lang, "各コマンドの使い方: cloudvet help COMMAND "
                  "(または cloudvet COMMAND --help)\n",
            "each command's page: cloudvet help COMMAND (or cloudvet "
            "COMMAND --help)\n"),
          f);
}

/* "registry" is the group of "registry import" and "registry list". */
static int in_group(const char *page, const char *group)
{
    size_t n = strlen(group);
    return strncmp(page, group, n) == 0 && page[n] == ' ';
}

int cv_cli_help_print(FILE *f, const char *name, cv_lang lang)
{
    size_t i, shown = 0;
    if (!name) {
        put_overview(f, lang);
        return 0;
    }
    for (i = 0; i < PAGE_COUNT; i++)
        if (strcmp(pages[i].name, name) == 0) {
            put_page(f, &pages[i], lang);
            return 0;
        }
    for (i = 0; i < PAGE_COUNT; i++)
        if (in_group(pages[i].name, name)) {
            if (shown++)
                fputs("\n", f);
            put_page(f, &pages[i], lang);
        }
    return shown ? 0 : -1;
}
