/* libxml2 parse-only time over the pages Benchmarks/quality/clean.sh benchmarks: each page is
 * read into memory first, then parsed (htmlReadMemory, the options and encoding argument
 * Sources/HTML uses) and freed. Script and style bodies are NOT removed here (pipe removes them).
 * Prints the parse seconds.   usage: clean-parse PAGE.html...   (uncompressed files) */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    int count = argc - 1;
    char **pages = calloc(count, sizeof(char *));
    long *sizes = calloc(count, sizeof(long));
    for (int i = 0; i < count; i++) {
        FILE *file = fopen(argv[i + 1], "rb");
        if (!file) { perror(argv[i + 1]); return 1; }
        fseek(file, 0, SEEK_END);
        sizes[i] = ftell(file);
        fseek(file, 0, SEEK_SET);
        pages[i] = malloc(sizes[i]);
        if (fread(pages[i], 1, sizes[i], file) != (size_t)sizes[i]) { perror(argv[i + 1]); return 1; }
        fclose(file);
    }
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < count; i++) {
        htmlDocPtr doc = htmlReadMemory(pages[i], (int)sizes[i], NULL, NULL, options);
        if (doc) xmlFreeDoc(doc);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.4f\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
