# The reference statistics for tests/analyse.sh, from packages no one here
# wrote: eRm's RM() (CML, sum-0 difficulties, standard errors), its
# person parameters and item fit (infit and outfit mean squares), and
# psych's alpha() per form (raw alpha, the item-total correlation raw.r
# and the corrected r.drop). One R run for every comparison.
# usage: Rscript reference.R matrix.csv items.tsv forms.tsv
suppressMessages({ library(eRm); library(psych) })
args <- commandArgs(TRUE)
m <- read.csv(args[1], check.names = FALSE)
form <- m$form
X <- as.matrix(m[, -1])
X <- X[, colSums(!is.na(X)) > 0, drop = FALSE]
X01 <- (X > 0) * 1
rm <- RM(X01, sum0 = TRUE)
b <- -rm$betapar
names(b) <- sub("^beta ", "", names(b))
fit <- itemfit(person.parameter(rm))
items <- data.frame(id = names(b), b = b, se = rm$se.beta,
    infit = fit$i.infitMSQ[names(b)], outfit = fit$i.outfitMSQ[names(b)],
    raw_r = NA, r_drop = NA)
forms <- data.frame()
for (f in sort(unique(form))) {
    Xf <- X[form == f, ]
    Xf <- Xf[, colSums(is.na(Xf)) == 0]
    a <- psych::alpha(Xf, check.keys = FALSE, warnings = FALSE)
    forms <- rbind(forms, data.frame(form = f, alpha = a$total$raw_alpha))
    if (f == sort(unique(form))[1]) {
        k <- match(rownames(a$item.stats), items$id)
        items$raw_r[k] <- a$item.stats$raw.r
        items$r_drop[k] <- a$item.stats$r.drop
    }
}
write.table(items, args[2], sep = "\t", quote = FALSE, row.names = FALSE)
write.table(forms, args[3], sep = "\t", quote = FALSE, row.names = FALSE)
