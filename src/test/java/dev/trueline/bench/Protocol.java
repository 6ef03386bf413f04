package dev.trueline.bench;

/** The two servers the harness drives, and how each is spoken to. */
enum Protocol {

    /** Trueline's wire protocol v1 under {@code /api}. */
    TRUELINE {
        @Override
        String turnPath(String cid) {
            return "/api/conversations/" + cid + "/turns";
        }

        @Override
        StreamCheck newCheck(int expectedChunks) {
            return new TruelineCheck(expectedChunks);
        }
    },

    /** The FastAPI reference design: another path, plain {@code data:} events. */
    REFERENCE {
        @Override
        String turnPath(String cid) {
            return "/conversations/" + cid + "/turns";
        }

        @Override
        StreamCheck newCheck(int expectedChunks) {
            return new ReferenceCheck(expectedChunks);
        }
    };

    abstract String turnPath(String cid);

    abstract StreamCheck newCheck(int expectedChunks);

    /** The resume endpoint being built for Trueline: {@code GET .../turns/{turn}/events} with Last-Event-ID. */
    static String resumePath(String cid, int turn) {
        return "/api/conversations/" + cid + "/turns/" + turn + "/events";
    }

    static Protocol of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
